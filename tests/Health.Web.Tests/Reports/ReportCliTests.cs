using System.Globalization;
using GitHubSimulator;
using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Content;
using Health.Core.Reports.Rendering;
using Health.Testing;
using Health.Web.Cli;
using Health.Web.Tests.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Reports;

/// <summary>
/// <c>report</c> prints the report of a known simulator world at a fixed clock: its figures are the metrics export's, its
/// newcomers are the world's, and PR titles that try to be markup are text.
/// </summary>
public sealed class ReportCliTests(ReportCliWorld world) : IClassFixture<ReportCliWorld>
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("week", "2026-10-26", "2026-10-19")]
    [InlineData("month", "2026-11-01", "2026-10-01")]
    public async Task Report_Html_FiguresAreTheExportsAndNewcomersTheWorlds(string period, string at, string expectedStart)
    {
        var (code, html, error) = await RunAsync("report", "--repo", "acme/widgets", "--period", period, "--at", at, "--format", "html");

        Assert.True(code == 0, error);
        Assert.True(Periods.TryParsePeriod(period, out var kind));
        var start = DateTime.ParseExact(expectedStart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains($"<title>Health report for acme/widgets: {ReportPeriods.Describe(start, kind)}</title>", html, StringComparison.Ordinal);
        Assert.Contains("Made 2026-11-02 09:00 UTC.", html, StringComparison.Ordinal);
        Assert.True(
            html.IndexOf("Key metrics", StringComparison.Ordinal) < html.IndexOf("Waiting longest", StringComparison.Ordinal)
            && html.IndexOf("Waiting longest", StringComparison.Ordinal) < html.IndexOf("Newcomers to welcome", StringComparison.Ordinal)
            && html.IndexOf("Newcomers to welcome", StringComparison.Ordinal) < html.IndexOf("Newcomer retention", StringComparison.Ordinal)
            && html.IndexOf("Newcomer retention", StringComparison.Ordinal) < html.IndexOf("Review load", StringComparison.Ordinal),
            "the sections in order");

        // Every key metric of the period, and of the one before, is the metrics export's figure.
        var previous = ReportPeriods.Previous(start, kind);
        var export = await ExportAsync(period, previous, start);
        foreach (var column in KeyMetrics.Columns)
        {
            var row = Between(html, $"<tr data-metric=\"{column}\">", "</tr>");
            var cells = row.Split("</td>").Select(c => c[(c.LastIndexOf('>') + 1)..]).ToList();
            Assert.Equal(Display(export[start][column], column), cells[1]);
            Assert.Equal(Display(export[previous][column], column), cells[2]);
        }

        // The newcomers are the accounts whose first PR (in the world itself) was opened in the period.
        var newcomers = ExpectedNewcomers(start, Periods.Next(start, kind));
        var section = Between(html, "Newcomers to welcome", "Newcomer retention");
        Assert.Equal(newcomers.Count, section.Split("<li>").Length - 1);
        Assert.All(newcomers, login => Assert.Contains($">{login}</a>: first PR", section, StringComparison.Ordinal));
        Assert.Equal(int.Parse(export[start]["newcomers"], CultureInfo.InvariantCulture), newcomers.Count);

        // PR titles that try to be markup are text.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Markdown_IsTheDefault_AndEscapesTitles()
    {
        var (code, md, error) = await RunAsync("report", "--repo", "acme/widgets", "--period", "week", "--at", "2026-10-26");

        Assert.True(code == 0, error);
        Assert.StartsWith("# Health report for acme/widgets: week of 2026-10-19 to 2026-10-25\n", md, StringComparison.Ordinal);
        Assert.Contains("| Metric | This week | Week before | Change |", md, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert\\(", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", md, StringComparison.Ordinal);
        Assert.DoesNotContain("@all", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WithoutAt_ReportsTheLastCompletePeriodBeforeNow()
    {
        var (code, md, error) = await RunAsync("report", "--repo", "acme/widgets", "--period", "month");

        Assert.True(code == 0, error);
        Assert.StartsWith("# Health report for acme/widgets: October 2026\n", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the repository is missing", "report", "--period", "week")]
    [InlineData("is not a repository name", "report", "--repo", "acme", "--period", "week")]
    [InlineData("'fortnight' is not a period", "report", "--repo", "acme/widgets", "--period", "fortnight")]
    [InlineData("'26/10/2026' is not a date for --at", "report", "--repo", "acme/widgets", "--period", "week", "--at", "26/10/2026")]
    [InlineData("'pdf' is not a format", "report", "--repo", "acme/widgets", "--period", "week", "--format", "pdf")]
    [InlineData("acme/other is not tracked", "report", "--repo", "acme/other", "--period", "week")]
    [InlineData("is in the future", "report", "--repo", "acme/widgets", "--period", "week", "--at", "2026-11-30")]
    public async Task Report_BadInput_ExitsWithCode2AndOneLine(string message, params string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    /// <summary>Runs a verb with the test's configuration and a clock fixed at <see cref="Now"/>.</summary>
    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, b =>
        {
            b.Configuration.AddInMemoryCollection(world.Config);
            b.Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        });
        var code = await HealthCli.RunAsync(args, context, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The metrics export's cells for the two periods, by period start and column.</summary>
    private async Task<Dictionary<DateTime, Dictionary<string, string>>> ExportAsync(string period, DateTime from, DateTime to)
    {
        var (code, csv, error) = await RunAsync("export", "metrics", "--repo", "acme/widgets", "--period", period, "--from", Periods.Label(from), "--to", Periods.Label(to));
        Assert.True(code == 0, error);
        var lines = csv.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        return lines.Skip(1)
            .Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))
            .ToDictionary(r => DateTime.ParseExact(r["period_start"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), r => r);
    }

    private static string Display(string cell, string column)
    {
        var unit = column.EndsWith("_h", StringComparison.Ordinal) ? MetricUnit.Hours : column.EndsWith("rate", StringComparison.Ordinal) ? MetricUnit.Rate : MetricUnit.Count;
        return ReportFormat.Value(cell.Length == 0 ? null : double.Parse(cell, CultureInfo.InvariantCulture), unit);
    }

    private List<string> ExpectedNewcomers(DateTime start, DateTime end)
    {
        static bool Human(SimAccount a) => a.Type != AccountTypes.Bot && !a.Login.EndsWith("[bot]", StringComparison.Ordinal) && a.Login is not ("ghost" or "ci-helper");
        return world.Server.World.Repositories[0].Pulls
            .Where(p => p.User is { } u && Human(u))
            .GroupBy(p => p.User!.Id)
            .Select(g => (g.First().User!.Login, First: g.Min(p => p.CreatedAt)))
            .Where(f => f.First >= start && f.First < end)
            .Select(f => f.Login)
            .ToList();
    }

    private static string Between(string text, string from, string to)
    {
        var a = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(a >= 0, $"'{from}' not found");
        var b = text.IndexOf(to, a + from.Length, StringComparison.Ordinal);
        return text[(a + from.Length)..b];
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}

/// <summary>
/// A simulator world synced once for the class: 300 PRs over a year ending 2026-11-01, every PR title trying to be markup
/// (a script tag, a mention, emphasis).
/// </summary>
public sealed class ReportCliWorld : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("health-report-cli-").FullName;

    public SimulatorServer Server { get; private set; } = null!;

    public Dictionary<string, string?> Config => FastSettings.For(Server.BaseUri, _directory);

    public async Task InitializeAsync()
    {
        var world = WorldGenerator.Generate(new WorldOptions { Prs = 300, Seed = 5, YearsOfHistory = 1, End = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc) });
        foreach (var pull in world.Repositories[0].Pulls)
        {
            pull.Title = $"<script>alert({pull.Number})</script> @all *{pull.Title}*";
        }

        Server = await SimulatorServer.StartAsync(world);
        var (code, output, error) = await CliRun.RunAsync(Config, "sync", "acme/widgets");
        Assert.True(code == 0, error + output);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
