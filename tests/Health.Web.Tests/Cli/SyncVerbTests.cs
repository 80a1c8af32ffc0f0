using System.Text.RegularExpressions;
using GitHubSimulator;
using Health.Core.Storage;
using Health.Testing;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Tests.Cli;

public sealed class SyncVerbTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("health-cli-").FullName;
    private SimulatorServer _server = null!;

    private string DbPath => Path.Combine(_directory, "health.db");

    private Dictionary<string, string?> Config => FastSettings.For(_server.BaseUri, _directory);

    public async Task InitializeAsync() =>
        _server = await TestSimulator.StartAsync(new WorldOptions { Prs = 150, End = TestSimulator.WorldEnd });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("a/b/c")]
    [InlineData("own er/name")]
    [InlineData("-acme/widgets")]
    [InlineData("acme/wid$gets")]
    public async Task Sync_InvalidName_ExitsTwoAndWritesNothing(string name)
    {
        var (code, _, error) = await CliRun.RunAsync(Config, "sync", name);

        Assert.Equal(2, code);
        Assert.Contains("expected OWNER/NAME", error, StringComparison.Ordinal);
        Assert.False(File.Exists(DbPath));
        Assert.Equal(0, _server.Log.Total);
    }

    [Fact]
    public async Task Sync_MissingArgument_ExitsTwoWithUsage()
    {
        var (code, _, error) = await CliRun.RunAsync(Config, "sync");

        Assert.Equal(2, code);
        Assert.Contains("usage: sync OWNER/REPO", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_BadConfiguration_ExitsTwoNamingTheKey()
    {
        var config = Config;
        config["GitHub:ApiUrl"] = "not-a-url";

        var (code, _, error) = await CliRun.RunAsync(config, "sync", "acme/widgets");

        Assert.Equal(2, code);
        Assert.Contains("GitHub:ApiUrl", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_UnknownRepository_ExitsOneNamingIt()
    {
        var (code, _, error) = await CliRun.RunAsync(Config, "sync", "acme/missing");

        Assert.Equal(1, code);
        Assert.Contains("acme/missing", error, StringComparison.Ordinal);
        Assert.Contains("404", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_TwiceAgainstSimulator_FillsDatabaseThenReportsOnlyNotModified()
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "sync", "acme/widgets");

        Assert.True(code == 0, error);
        Assert.Matches(new Regex(@"^requests: \d+ \(1 not modified\)$", RegexOptions.Multiline), output);
        Assert.Contains("PullRequest", output, StringComparison.Ordinal);
        Assert.Contains("pull requests: page", error, StringComparison.Ordinal);

        var (code2, output2, _) = await CliRun.RunAsync(Config, "sync", "acme/widgets");

        Assert.Equal(0, code2);
        var requests = Regex.Match(output2, @"^requests: (\d+) \((\d+) not modified\)$", RegexOptions.Multiline);
        Assert.True(requests.Success, output2);
        Assert.Equal(requests.Groups[1].Value, requests.Groups[2].Value);
        Assert.InRange(int.Parse(requests.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 5);
        await using var db = new HealthDb(new DbContextOptionsBuilder<HealthDb>().UseSqlite($"Data Source={DbPath}").Options);
        await WorldAssert.DatabaseEqualsWorldAsync(db, _server.World, _server.World.Repositories[0]);
    }
}
