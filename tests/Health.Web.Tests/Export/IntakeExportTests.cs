using GitHubSimulator;
using Health.Core.Storage;
using Health.Testing;
using Health.Testing.Reference;
using Health.Web.Tests.Cli;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Tests.Export;

/// <summary>
/// A world with agent-authored PRs, disclosure markers and look-alikes, maintainers and outside contributors, synced once
/// through REST and once through GraphQL, each into a database of its own, read by every test of a class. On SQLite here,
/// on PostgreSQL in <see cref="PostgresIntakeWorld"/>.
/// </summary>
public class IntakeWorld : IAsyncLifetime
{
    public const string Token = "intake-graphql-token";

    public Dictionary<string, TestDatabase> Databases { get; } = [];

    public SimulatorServer Server { get; private set; } = null!;

    /// <summary>The databases the world is collected into (one per collecting API).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync()
    {
        var world = WorldGenerator.Generate(new WorldOptions { Prs = 300, Seed = 23, ExtraRepositories = 1, AgentShare = 0.15, End = DateTime.UtcNow.AddDays(-3) });
        Server = await SimulatorServer.StartAsync(world, new SimulatorOptions { Token = Token });
        foreach (var mode in (string[])["Rest", "GraphQL"])
        {
            Databases[mode] = await TestDatabase.CreateAsync(Provider);
            foreach (var repo in world.Repositories)
            {
                var (code, output, error) = await CliRun.RunAsync(Config(mode), "sync", repo.FullName);
                Assert.True(code == 0, error + output);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var database in Databases.Values)
        {
            await database.DisposeAsync();
        }
    }

    public Dictionary<string, string?> Config(string mode) => FastSettings.For(Server.BaseUri, Databases[mode]).With(new Dictionary<string, string?>
    {
        ["GitHub:Token"] = Token,
        ["GitHub:Mode"] = mode,
        ["Jobs:Storage"] = "InMemory",
    });
}

/// <summary>The same world, collected into PostgreSQL.</summary>
public sealed class PostgresIntakeWorld : IntakeWorld
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>
/// The intake export of the synced world equals cell by cell an independent implementation of METRICS.md run on the world
/// itself: the same whether the world was collected through REST or GraphQL.
/// </summary>
public sealed class IntakeExportTests(IntakeWorld world) : IntakeExportCases(world), IClassFixture<IntakeWorld>;

/// <summary>The intake export's cells, collected into and computed from PostgreSQL.</summary>
public sealed class IntakeExportOnPostgresTests(PostgresIntakeWorld world) : IntakeExportCases(world), IClassFixture<PostgresIntakeWorld>;

/// <summary>What the intake export, its charts and badges must hold, on whichever database <see cref="IntakeWorld"/> collected into.</summary>
public abstract class IntakeExportCases(IntakeWorld world)
{
    private static readonly HashSet<string> ExtraBots = new(StringComparer.OrdinalIgnoreCase) { "ci-helper" };

    private SimulatorServer _server => world.Server;

    private World World => _server.World;

    [Fact]
    public void World_HoldsTheIntakesMaterial()
    {
        var pulls = World.Repositories[0].Pulls;
        Assert.Contains(pulls, p => p.User?.Login == "Copilot");
        Assert.Contains(pulls, p => p.Body.Contains("Co-Authored-By: Claude", StringComparison.Ordinal));
        Assert.Contains(pulls, p => p.Body.Contains("Co-Authored By: Claude", StringComparison.Ordinal));
        Assert.Contains(pulls, p => p.AuthorAssociation is "OWNER" or "MEMBER");
        Assert.Contains(pulls, p => p.AuthorAssociation is "CONTRIBUTOR" or "FIRST_TIME_CONTRIBUTOR");
    }

    [Theory]
    [InlineData("Rest", "month", null, null)]
    [InlineData("Rest", "week", null, null)]
    [InlineData("GraphQL", "month", null, null)]
    [InlineData("GraphQL", "week", "2025-01-06", "2025-08-31")]
    public async Task ExportIntake_SyncedWorld_EqualsReferenceImplementation(string mode, string period, string? from, string? to)
    {
        var args = new List<string> { "export", "intake", "--repo", "acme/widgets", "--period", period };
        if (from is not null)
        {
            args.AddRange(["--from", from, "--to", to!]);
        }

        var (code, output, error) = await CliRun.RunAsync(Config(mode), [.. args]);

        Assert.True(code == 0, error);
        var expected = ReferenceIntake.Csv(
            World, [World.Repositories[0]], "acme/widgets", period, DateTime.UtcNow, await LastSyncAsync(mode), ExtraBots,
            from: from is null ? null : DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to: to is null ? null : DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        AssertSameLines(expected, output);
        Assert.Contains(",", expected.Split('\n')[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportIntake_OrgAsGroup_WithAnotherTarget_EqualsReference()
    {
        var config = Config("GraphQL");
        config["Health:ResponseTargetHours"] = "6";

        var (code, output, error) = await CliRun.RunAsync(config, "export", "intake", "--org", "acme", "--period", "month", "--group");

        Assert.True(code == 0, error);
        var repos = World.Repositories.OrderBy(r => r.FullName.ToLowerInvariant(), StringComparer.Ordinal).ToList();
        AssertSameLines(ReferenceIntake.Csv(World, repos, "acme/*", "month", DateTime.UtcNow, await LastSyncAsync("GraphQL"), ExtraBots, targetHours: 6), output);
    }

    /// <summary>Other markers after the sync: the export derives the facts again first (no resync) and follows them.</summary>
    [Fact]
    public async Task ExportIntake_MarkersChangedAfterTheSync_DerivedAgainAndEqualsReference()
    {
        var config = Config("Rest");
        config["Health:AgentMarkers:0"] = "co-authored by: claude";
        config["Health:AgentLogins:0"] = "devin-ai-integration[bot]";

        var (code, output, error) = await CliRun.RunAsync(config, "export", "intake", "--repo", "acme/widgets", "--period", "month");

        Assert.True(code == 0, error);
        Assert.Contains("facts: deriving acme/widgets again", error, StringComparison.Ordinal);
        var expected = ReferenceIntake.Csv(
            World, [World.Repositories[0]], "acme/widgets", "month", DateTime.UtcNow, await LastSyncAsync("Rest"), ExtraBots,
            agentLogins: ["devin-ai-integration[bot]"], agentMarkers: ["co-authored by: claude"]);
        Assert.NotEqual(ReferenceIntake.Csv(World, [World.Repositories[0]], "acme/widgets", "month", DateTime.UtcNow, await LastSyncAsync("Rest"), ExtraBots), expected);
        AssertSameLines(expected, output);

        // The world is the class's: back under the usual rules for the tests that follow.
        (code, _, error) = await CliRun.RunAsync(Config("Rest"), "export", "intake", "--repo", "acme/widgets", "--period", "month");
        Assert.True(code == 0, error);
        Assert.Contains("facts: deriving acme/widgets again", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetIntakeCsv_SameRowsAsTheCliWithANamedFile()
    {
        await using var factory = App("GraphQL");
        using var client = factory.CreateClient();
        var (_, cli, _) = await CliRun.RunAsync(Config("GraphQL"), "export", "intake", "--repo", "acme/widgets", "--period", "week", "--from", "2025-01-01");

        using var response = await client.GetAsync(new Uri("/export/intake.csv?repo=acme/widgets&period=week&from=2025-01-01", UriKind.Relative));
        using var noPeriod = await client.GetAsync(new Uri("/export/intake.csv?repo=acme/widgets", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal("intake-acme-widgets-week-2025-01-01-to-now.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(cli, await response.Content.ReadAsStringAsync());
        Assert.StartsWith(ReferenceIntake.Header + "\n", cli, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noPeriod.StatusCode);
    }

    /// <summary>Each intake chart's CSV holds the intake export's own cells for its columns, period by period.</summary>
    [Theory]
    [InlineData("intake-origins", "prs_opened_maintainer,prs_opened_returning,prs_opened_newcomer,prs_opened_agent,prs_opened_bot")]
    [InlineData("intake-merge-rate", "merge_rate_maintainer,merge_rate_returning,merge_rate_newcomer,merge_rate_agent,merge_rate_bot")]
    [InlineData("unmerged-responses", "unmerged_response_share")]
    [InlineData("response-target", "response_target_rate")]
    public async Task IntakeChartCsv_HoldsTheExportsCells(string chart, string columns)
    {
        await using var factory = App("Rest");
        using var client = factory.CreateClient();
        var (_, export, _) = await CliRun.RunAsync(Config("Rest"), "export", "intake", "--repo", "acme/widgets", "--period", "month", "--from", "2024-06-01", "--to", "2025-05-31");

        var csv = await client.GetStringAsync(new Uri($"/repos/acme/widgets/charts/{chart}.csv?period=month&from=2024-06-01&to=2025-05-31", UriKind.Relative));

        var exportLines = export.TrimEnd('\n').Split('\n');
        var header = exportLines[0].Split(',');
        var wanted = columns.Split(',');
        var expected = new[] { "period_start," + columns }
            .Concat(exportLines.Skip(1).Select(l => l.Split(',')).Select(c => string.Join(",", [c[1], .. wanted.Select(w => c[Array.IndexOf(header, w)])])));
        Assert.Equal(expected, csv.TrimEnd('\n').Split('\n'));
    }

    /// <summary>Each badge is an SVG whose value is the last complete month's cell of the metrics or intake CSV (or "no data").</summary>
    [Theory]
    [InlineData("acme/widgets", "merge-rate", "metrics", "merge_rate")]
    [InlineData("acme/widgets", "first-response", "metrics", "pr_first_response_median_h")]
    [InlineData("acme/widgets", "response-target", "intake", "response_target_rate")]
    [InlineData("acme/widgets-2", "merge-rate", "metrics", "merge_rate")]
    public async Task Badge_CarriesTheLastCompleteMonthsCsvValue(string repo, string badge, string export, string column)
    {
        await using var factory = App("Rest");
        using var client = factory.CreateClient();
        var month = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-1);
        var day = (DateTime d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, csv, _) = await CliRun.RunAsync(Config("Rest"), "export", export, "--repo", repo, "--period", "month", "--from", day(month), "--to", day(month.AddMonths(1).AddDays(-1)));
        var lines = csv.TrimEnd('\n').Split('\n');
        var cell = lines[1].Split(',')[Array.IndexOf(lines[0].Split(','), column)];

        using var response = await client.GetAsync(new Uri($"/badges/{repo}/{badge}.svg", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl?.ToString());
        var svg = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        var expected = cell.Length == 0 ? "no data"
            : column.EndsWith("_h", StringComparison.Ordinal) ? cell + " h"
            : (decimal.Parse(cell, System.Globalization.CultureInfo.InvariantCulture) * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
        Assert.Equal(expected, texts[1]);
        Assert.Contains($"{repo}, {month:yyyy-MM}: ", svg.Root!.Element(ns + "title")!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/badges/acme/nope/merge-rate.svg")]
    [InlineData("/badges/acme/widgets/no-such-badge.svg")]
    public async Task Badge_UnknownRepositoryOrBadge_NotFound(string path)
    {
        await using var factory = App("Rest");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ExportIntake_WithoutPeriod_ExitsTwoWithOneLine()
    {
        var (code, output, error) = await CliRun.RunAsync(Config("Rest"), "export", "intake", "--repo", "acme/widgets");

        Assert.Equal(2, code);
        Assert.Contains("the period is missing", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    /// <summary>The app (in-process) over the database collected in <paramref name="mode"/>.</summary>
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App(string mode) =>
        new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in Config(mode))
            {
                b.UseSetting(key, value);
            }
        });

    private Dictionary<string, string?> Config(string mode) => world.Config(mode);

    private static void AssertSameLines(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        Assert.True(expectedLines.Length > 3, "the reference should produce rows");
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            Assert.Equal(expectedLines.ElementAtOrDefault(i), actualLines.ElementAtOrDefault(i));
        }
    }

    private async Task<DateTime> LastSyncAsync(string mode)
    {
        await using var db = world.Databases[mode].NewDb();
        return await db.SyncStatuses.Where(s => s.LastSuccessAt != null).Select(s => s.LastSuccessAt!.Value).MinAsync();
    }
}
