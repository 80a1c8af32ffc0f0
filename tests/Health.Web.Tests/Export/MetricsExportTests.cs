using GitHubSimulator;
using Health.Core.Storage;
using Health.Testing;
using Health.Testing.Reference;
using Health.Web.Tests.Cli;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Tests.Export;

/// <summary>
/// A simulator world synced once into a database of its own, read by every test of a class (none changes what was collected).
/// On SQLite here, on PostgreSQL in <see cref="PostgresMetricsWorld"/>.
/// </summary>
public class MetricsWorld : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public SimulatorServer Server { get; private set; } = null!;

    /// <summary>The database the world is collected into.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public Dictionary<string, string?> Config => FastSettings.For(Server.BaseUri, Database).With(new Dictionary<string, string?> { ["Jobs:Storage"] = "InMemory" });

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(Provider);
        var world = WorldGenerator.Generate(new WorldOptions { Prs = 400, Seed = 11, ExtraRepositories = 2, End = DateTime.UtcNow.AddDays(-3) });
        Server = await SimulatorServer.StartAsync(world);
        foreach (var repo in world.Repositories)
        {
            var (code, output, error) = await CliRun.RunAsync(Config, "sync", repo.FullName);
            Assert.True(code == 0, error + output);
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The same world, collected into PostgreSQL.</summary>
public sealed class PostgresMetricsWorld : MetricsWorld
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>The CLI's metrics export of a synced simulator world equals, cell by cell, an independent implementation of METRICS.md run on the world itself.</summary>
public sealed class MetricsExportTests(MetricsWorld world) : MetricsExportCases(world), IClassFixture<MetricsWorld>;

/// <summary>The metrics export's cells, collected into and computed from PostgreSQL.</summary>
public sealed class MetricsExportOnPostgresTests(PostgresMetricsWorld world) : MetricsExportCases(world), IClassFixture<PostgresMetricsWorld>;

/// <summary>What the metrics export must hold, on whichever database <see cref="MetricsWorld"/> collected into.</summary>
public abstract class MetricsExportCases(MetricsWorld world)
{
    private static readonly HashSet<string> ExtraBots = new(StringComparer.OrdinalIgnoreCase) { "ci-helper" };

    private TestDatabase _database => world.Database;

    private SimulatorServer _server => world.Server;

    private Dictionary<string, string?> Config => world.Config;

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

    /// <summary>
    /// The bot rules changed after the sync (one more login counted as a bot): the export derives the facts again first, says
    /// so on stderr, and its figures follow the new rules.
    /// </summary>
    [Fact]
    public async Task ExportMetrics_BotRulesChangedAfterTheSync_DerivesAgainFirstAndEqualsReference()
    {
        var repo = _server.World.Repositories[0];
        var human = repo.Pulls.Where(p => p.User is { Type: AccountTypes.User } u && !ExtraBots.Contains(u.Login) && u.Login != "ghost")
            .GroupBy(p => p.User!.Login).OrderByDescending(g => g.Count()).First().Key;
        var bots = new HashSet<string>(ExtraBots, StringComparer.OrdinalIgnoreCase) { human };
        var config = Config;
        config["GitHub:ExtraBotLogins:1"] = human;

        var (code, output, error) = await CliRun.RunAsync(config, "export", "metrics", "--repo", "acme/widgets", "--period", "month");

        Assert.True(code == 0, error);
        Assert.Contains("facts: deriving acme/widgets again under the current bot rules (1 of 1)", error, StringComparison.Ordinal);
        var lastSync = await LastSyncAsync();
        var expected = ReferenceMetrics.Csv(_server.World, repo, "month", DateTime.UtcNow, lastSync, bots, null, null);
        Assert.NotEqual(ReferenceMetrics.Csv(_server.World, repo, "month", DateTime.UtcNow, lastSync, ExtraBots, null, null), expected);
        Assert.Equal(expected, output);

        // Derived once: the next export finds nothing stale.
        (code, _, error) = await CliRun.RunAsync(config, "export", "metrics", "--repo", "acme/widgets", "--period", "month");
        Assert.True(code == 0, error);
        Assert.DoesNotContain("facts:", error, StringComparison.Ordinal);

        // The world is the class's: back under the usual rules for the tests that follow.
        (code, _, error) = await CliRun.RunAsync(Config, "export", "metrics", "--repo", "acme/widgets", "--period", "month");
        Assert.True(code == 0, error);
        Assert.Contains("facts: deriving acme/widgets again", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportMetrics_OutFile_WritesUtf8WithoutBomAndLfLineEnds()
    {
        var file = Path.Combine(_database.Directory, "metrics.csv");

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
        var file = Path.Combine(_database.Directory, "none.csv");

        var (code, _, error) = await CliRun.RunAsync(Config, "export", "metrics", "--repo", "acme/unknown", "--period", "month", "--out", file);

        Assert.Equal(2, code);
        Assert.Contains("acme/unknown is not tracked", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task ExportMetrics_OrgAsGroup_EqualsReferenceGroupRows()
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "export", "metrics", "--org", "acme", "--period", "month", "--group");

        Assert.True(code == 0, error);
        var repos = _server.World.Repositories.OrderBy(r => r.FullName.ToLowerInvariant(), StringComparer.Ordinal).ToList();
        var expected = ReferenceMetrics.Header + "\n" + string.Concat(
            ReferenceMetrics.GroupRows(_server.World, repos, "acme/*", "month", DateTime.UtcNow, await LastSyncAsync(), ExtraBots).Select(r => r + "\n"));
        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task ExportMetrics_Org_OneSetOfRowsPerRepository()
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "export", "metrics", "--org", "ACME", "--period", "week");

        Assert.True(code == 0, error);
        var lastSync = await LastSyncAsync();
        var expected = ReferenceMetrics.Header + "\n" + string.Concat(_server.World.Repositories
            .OrderBy(r => r.FullName.ToLowerInvariant(), StringComparer.Ordinal)
            .SelectMany(r => ReferenceMetrics.Rows(_server.World, r, "week", DateTime.UtcNow, lastSync, ExtraBots))
            .Select(r => r + "\n"));
        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task GetMetricsCsv_SameRowsAsTheCliWithANamedFile()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in Config)
            {
                b.UseSetting(key, value);
            }
        });
        using var client = factory.CreateClient();
        var (_, cli, _) = await CliRun.RunAsync(Config, "export", "metrics", "--repo", "acme/widgets", "--repo", "acme/widgets-2", "--period", "month", "--from", "2025-01-01");

        using var response = await client.GetAsync(new Uri("/export/metrics.csv?repo=acme/widgets&repo=acme/widgets-2&period=month&from=2025-01-01", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("metrics-2-repositories-month-2025-01-01-to-now.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(cli, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/export/metrics.csv?repo=acme/widgets&period=year", "'year' is not a period")]
    [InlineData("/export/metrics.csv?repo=acme/widgets&period=month&from=2025-02-30", "is not a date for from")]
    [InlineData("/export/metrics.csv?repo=acme/nope&period=month", "acme/nope is not tracked")]
    [InlineData("/export/metrics.csv?period=month", "name what to export")]
    [InlineData("/export/metrics.csv?repo=a/b/c&period=month", "expected OWNER/NAME")]
    public async Task GetMetricsCsv_BadInput_Returns400WithOneLine(string url, string message)
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in Config)
            {
                b.UseSetting(key, value);
            }
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Single(body.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("contributors")]
    [InlineData("cohorts")]
    public async Task ExportPerRepository_Org_OneHeaderThenEveryRepository(string kind)
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "export", kind, "--org", "acme");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("repo,", StringComparison.Ordinal));
        Assert.StartsWith("repo,", lines[0], StringComparison.Ordinal);
        Assert.Equal(
            _server.World.Repositories.Select(r => r.FullName).Order(StringComparer.Ordinal),
            lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>The earliest last successful sync among the repositories: retention is final only when every one of them has seen 90 days.</summary>
    private async Task<DateTime> LastSyncAsync()
    {
        await using var db = _database.NewDb();
        return (await db.SyncStatuses.ToListAsync()).Min(s => s.LastSuccessAt!.Value);
    }
}
