using System.Text.RegularExpressions;
using GitHubSimulator;
using Health.Core.Storage;
using Health.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Health.Web.Tests.Cli;

/// <summary><c>sync --mode</c>: which GitHub API collects, for one run.</summary>
public sealed class SyncModeTests : IAsyncLifetime
{
    private const string Token = "mode-test-token";
    private readonly string _directory = Directory.CreateTempSubdirectory("health-cli-mode-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private SimulatorServer _server = null!;

    private string DbPath => Path.Combine(_directory, "health.db");

    private Dictionary<string, string?> Config => FastSettings.For(_server.BaseUri, _directory).With(new Dictionary<string, string?> { ["GitHub:Token"] = Token });

    public async Task InitializeAsync() =>
        _server = await TestSimulator.StartAsync(new WorldOptions { Prs = 150, End = TestSimulator.WorldEnd }, o => o.Token = Token, _clock);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Sync_ModeGraphQL_BackfillsThroughGraphQLAndSaysWhatItSpent()
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "sync", "acme/widgets", "--mode", "graphql");

        Assert.True(code == 0, error + output);
        Assert.Matches(new Regex(@"^graphql: \d+ queries, \d+ points$", RegexOptions.Multiline), output);
        Assert.DoesNotContain(_server.Log.Snapshot(), r => r.PathAndQuery.Contains("/reviews", StringComparison.Ordinal));
        await using var db = new HealthDb(new DbContextOptionsBuilder<HealthDb>().UseSqlite($"Data Source={DbPath}").Options);
        await WorldAssert.DatabaseEqualsWorldAsync(db, _server.World, _server.World.Repositories[0]);
    }

    [Fact]
    public async Task Sync_ModeRest_CollectsThroughRestDespiteTheToken()
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "sync", "acme/widgets", "--mode", "rest");

        Assert.True(code == 0, error + output);
        Assert.DoesNotMatch(new Regex("^graphql:", RegexOptions.Multiline), output);
        Assert.Contains(_server.Log.Snapshot(), r => r.PathAndQuery.Contains("/reviews", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_UnknownMode_ExitsTwoNamingTheOption()
    {
        var (code, _, error) = await CliRun.RunAsync(Config, "sync", "acme/widgets", "--mode", "soap");

        Assert.Equal(2, code);
        Assert.Contains("--mode must be rest, graphql or auto (got 'soap')", error, StringComparison.Ordinal);
        Assert.Equal(0, _server.Log.Total);
    }

    [Fact]
    public async Task Sync_GraphQLPointsUsedUp_ExitsThreeThenResumes()
    {
        _server.Options.GraphQLRateLimitRemaining = 3;

        var (code, output, error) = await CliRun.RunAsync(Config, "sync", "acme/widgets", "--mode", "graphql");

        Assert.True(code == 3, error + output);
        Assert.Contains("rate limit", error, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^resume after: \S+$", RegexOptions.Multiline), output);

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var (code2, output2, error2) = await CliRun.RunAsync(Config, "sync", "acme/widgets", "--mode", "graphql");

        Assert.True(code2 == 0, error2 + output2);
        await using var db = new HealthDb(new DbContextOptionsBuilder<HealthDb>().UseSqlite($"Data Source={DbPath}").Options);
        await WorldAssert.DatabaseEqualsWorldAsync(db, _server.World, _server.World.Repositories[0]);
    }
}
