using GitHubSimulator;
using Health.Core.Storage;
using Health.Core.Tests.Metrics.Reference;
using Health.Web.Tests.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Tests.Export;

/// <summary>The CLI's metrics export of a synced simulator world equals, cell by cell, an independent implementation of METRICS.md run on the world itself.</summary>
public sealed class MetricsExportTests : IAsyncLifetime
{
    private static readonly IReadOnlySet<string> ExtraBots = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "ci-helper" };
    private readonly string _directory = Directory.CreateTempSubdirectory("health-export-").FullName;
    private SimulatorServer _server = null!;

    private Dictionary<string, string?> Config => new()
    {
        ["ConnectionStrings:Health"] = $"Data Source={Path.Combine(_directory, "health.db")}",
        ["GitHub:ApiUrl"] = _server.BaseUri.ToString(),
        ["GitHub:ExtraBotLogins:0"] = "ci-helper",
    };

    public async Task InitializeAsync()
    {
        var world = WorldGenerator.Generate(new WorldOptions { Prs = 400, Seed = 11, End = DateTime.UtcNow.AddDays(-3) });
        _server = await SimulatorServer.StartAsync(world);
        var (code, output, error) = await CliRun.RunAsync(Config, "sync", "acme/widgets");
        Assert.True(code == 0, error + output);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("month", null, null)]
    [InlineData("week", null, null)]
    [InlineData("month", "2025-02-10", "2025-09-03")]
    [InlineData("week", "2024-12-25", "2025-01-20")]
    public async Task ExportMetrics_SyncedWorld_EqualsReferenceImplementation(string period, string? from, string? to)
    {
        var args = new List<string> { "export", "metrics", "--repo", "acme/widgets", "--period", period };
        if (from is not null)
        {
            args.AddRange(["--from", from, "--to", to!]);
        }

        var (code, output, error) = await CliRun.RunAsync(Config, [.. args]);

        Assert.True(code == 0, error);
        var expected = ReferenceMetrics.Csv(
            _server.World, _server.World.Repositories[0], period, DateTime.UtcNow, await LastSyncAsync(), ExtraBots,
            from is null ? null : DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        var expectedLines = expected.Split('\n');
        var actualLines = output.Split('\n');
        Assert.True(expectedLines.Length > 3, "the reference should produce rows");
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            Assert.Equal(expectedLines.ElementAtOrDefault(i), actualLines.ElementAtOrDefault(i));
        }
    }

    [Fact]
    public async Task ExportMetrics_OutFile_WritesUtf8WithoutBomAndLfLineEnds()
    {
        var file = Path.Combine(_directory, "metrics.csv");

        var (code, _, error) = await CliRun.RunAsync(Config, "export", "metrics", "--repo", "acme/widgets", "--period", "month", "--out", file);

        Assert.True(code == 0, error);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.StartsWith(ReferenceMetrics.Header + "\n", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".partial"));
    }

    [Theory]
    [InlineData("--period", "year", "'year' is not a period")]
    [InlineData("--from", "2024-13-01", "is not a date for from")]
    [InlineData("--from", "31/01/2024", "expected yyyy-MM-dd")]
    public async Task ExportMetrics_BadOption_ExitsTwoWithOneLine(string option, string value, string message)
    {
        var args = new List<string> { "export", "metrics", "--repo", "acme/widgets", option, value };
        if (option != "--period")
        {
            args.AddRange(["--period", "month"]);
        }


        var (code, output, error) = await CliRun.RunAsync(Config, [.. args]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task ExportMetrics_FromAfterTo_ExitsTwo()
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "export", "metrics", "--repo", "acme/widgets", "--period", "week", "--from", "2025-03-01", "--to", "2025-02-01");

        Assert.Equal(2, code);
        Assert.Contains("is after", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task ExportMetrics_UntrackedRepository_ExitsTwoAndWritesNoFile()
    {
        var file = Path.Combine(_directory, "none.csv");

        var (code, _, error) = await CliRun.RunAsync(Config, "export", "metrics", "--repo", "acme/unknown", "--period", "month", "--out", file);

        Assert.Equal(2, code);
        Assert.Contains("acme/unknown is not tracked", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    private async Task<DateTime> LastSyncAsync()
    {
        await using var db = new HealthDb(new DbContextOptionsBuilder<HealthDb>().UseSqlite(Config["ConnectionStrings:Health"]).Options);
        return (await db.SyncStatuses.SingleAsync()).LastSuccessAt!.Value;
    }
}
