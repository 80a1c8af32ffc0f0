using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Web.Components.Charts;
using Health.Web.Components.Pages.Definitions;
using Health.Web.Components.Pages.Repository;

namespace Health.Web.Tests.Components.Repository;

/// <summary>Chart shaping: metrics rows and the dashboard's figures into series, formats and tables.</summary>
public sealed class RepositoryChartsTests
{
    private static readonly DateTime Jan = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Feb = new(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);

    private static MetricsRow Row(DateTime start, int opened, int merged, int closed, double? mergeRate, double? responseMedian = null) =>
        new("acme/widgets", start, opened, merged, closed, mergeRate, 7, responseMedian, responseMedian * 3, 1, 5.5, 30, 90.125, 4, 2, 3, 48, 9, 2, 1, 0, null, 0.5, 2);

    private static ChartInput Input(bool bots = false, IReadOnlyList<MetricsRow>? rows = null, IReadOnlyList<ReturningNewcomersRow>? cohorts = null)
    {
        rows ??= [Row(Jan, 10, 6, 2, 0.75, 2.5), Row(Feb, 4, 1, 3, 0.25)];
        var extras = rows.Select(r => new DashboardPeriod(r.PeriodStart, 12.75, new ReviewLoadShares(10, 4, 0.5, 0.9, 1), 3, 1)).ToList();
        return new ChartInput(rows, new DashboardCharts(extras, cohorts ?? []), PeriodKind.Month, bots, [], TimeSpan.FromHours(48));
    }

    private static DashboardChart Chart(ChartInput input, string key) => RepositoryCharts.Build(input).Single(c => c.Key == key);

    [Fact]
    public void Build_KnownRows_PrFlowHasThreeSeriesAndBacklogItsOwnChart()
    {
        var input = Input();

        var flow = Chart(input, "pr-flow");
        var backlog = Chart(input, "open-prs");

        Assert.Equal(ChartKind.Bar, flow.Spec.Kind);
        Assert.Equal(["Opened", "Merged", "Closed unmerged"], flow.Spec.Series.Select(s => s.Name));
        Assert.Equal([new ChartPoint("2026-01", 10), new ChartPoint("2026-02", 4)], flow.Spec.Series[0].Points);
        Assert.Equal([2.0, 3.0], flow.Spec.Series[2].Points.Select(p => p.Y));
        Assert.Equal(["Open at the period's end"], backlog.Spec.Series.Select(s => s.Name));
        Assert.Equal([7.0, 7.0], backlog.Spec.Series[0].Points.Select(p => p.Y));
    }

    [Fact]
    public void Build_BotsOn_FlowChartsAddBotSeriesAndOnlyThem()
    {
        var withBots = RepositoryCharts.Build(Input(bots: true));
        var without = RepositoryCharts.Build(Input(bots: false));

        Assert.Equal("Bot-authored PRs opened", withBots.Single(c => c.Key == "pr-flow").Spec.Series[^1].Name);
        Assert.Equal([3.0, 3.0], withBots.Single(c => c.Key == "pr-flow").Spec.Series[^1].Points.Select(p => p.Y));
        Assert.Equal("bot_issues_opened", withBots.Single(c => c.Key == "issues").Table.Header[^1]);
        var changed = withBots.Zip(without).Where(p => p.First.Table.Header.Count != p.Second.Table.Header.Count).Select(p => p.First.Key);
        Assert.Equal(["pr-flow", "issues"], changed);
    }

    [Fact]
    public void Build_RateAndDurationCharts_UsePercentAndHoursWithP90Series()
    {
        var input = Input();

        var mergeRate = Chart(input, "merge-rate");
        var response = Chart(input, "first-response");
        var merge = Chart(input, "time-to-merge");

        Assert.Equal(ValueFormat.Percent, mergeRate.Spec.Format);
        Assert.Equal([0.75, 0.25], mergeRate.Spec.Series[0].Points.Select(p => p.Y));
        Assert.Equal(ValueFormat.Percent, Chart(input, "review-load").Spec.Format);
        Assert.Equal(ValueFormat.Hours, response.Spec.Format);
        Assert.Equal(["First response, median", "First response, p90", "First review, median", "First review, p90"], response.Spec.Series.Select(s => s.Name));
        Assert.Equal([12.75, 12.75], response.Spec.Series[3].Points.Select(p => p.Y));
        Assert.Equal([2.5, null], response.Spec.Series[0].Points.Select(p => p.Y));
        Assert.Equal(["Median", "p90"], merge.Spec.Series.Select(s => s.Name));
    }

    [Fact]
    public void Build_NoPeriods_EveryChartShowsItsEmptyText()
    {
        var charts = RepositoryCharts.Build(Input(rows: []));

        Assert.All(charts, c =>
        {
            Assert.False(c.Spec.HasData);
            Assert.Empty(c.Table.Rows);
            Assert.False(string.IsNullOrWhiteSpace(c.EmptyText));
        });
    }

    [Fact]
    public void Build_QuietPeriods_CountChartEmptyButTableKeepsTheZeros()
    {
        var flow = Chart(Input(rows: [Row(Jan, 0, 0, 0, null), Row(Feb, 0, 0, 0, null)]), "pr-flow");

        Assert.False(flow.Spec.HasData);
        Assert.Equal([["2026-01-01", "0", "0", "0"], ["2026-02-01", "0", "0", "0"]], flow.Table.Cells());
    }

    [Fact]
    public void Cells_RatesHoursCountsAndBlanks_WrittenAsInTheMetricsCsv()
    {
        var input = Input();

        Assert.Equal(["period_start", "merge_rate", "newcomer_pr_merge_rate"], Chart(input, "merge-rate").Table.Header);
        Assert.Equal(["2026-01-01", "0.7500", "0.5000"], Chart(input, "merge-rate").Table.Cells()[0]);
        Assert.Equal(["2026-02-01", "", "", "5.50", "12.75"], Chart(input, "first-response").Table.Cells()[1]);
        Assert.Equal(["2026-01-01", "30.00", "90.13"], Chart(input, "time-to-merge").Table.Cells()[0]);
        Assert.Equal(["2026-01-01", "10", "4", "0.5000", "0.9000", "1.0000"], Chart(input, "review-load").Table.Cells()[0]);
    }

    [Fact]
    public void Build_TwoCohorts_HeatmapRowPerCohortWithThirteenCells()
    {
        double?[] shares = [0.5, 0.25, .. Enumerable.Repeat<double?>(null, 11)];
        var input = Input(cohorts: [new ReturningNewcomersRow(Jan, 4, shares), new ReturningNewcomersRow(Feb, 0, [.. Enumerable.Repeat<double?>(null, 13)])]);

        var cohorts = Chart(input, "cohort-retention");

        Assert.Equal(ChartKind.Heatmap, cohorts.Spec.Kind);
        Assert.Equal(ValueFormat.Percent, cohorts.Spec.Format);
        Assert.Equal(["2026-02 (0)", "2026-01 (4)"], cohorts.Spec.Series.Select(s => s.Name));
        Assert.Equal(["+0", "+1", "+2"], cohorts.Spec.Series[1].Points.Take(3).Select(p => p.X));
        Assert.Equal(13, cohorts.Spec.Series[1].Points.Count);
        Assert.Equal(["cohort_month", "newcomers", "month_0", "month_1"], cohorts.Table.Header.Take(4));
        Assert.Equal(["2026-01", "4", "0.5000", "0.2500", ""], cohorts.Table.Cells()[0].Take(5));
    }

    [Fact]
    public void Build_EveryChart_HasAKeyAndADefinitionOnTheDefinitionsPage()
    {
        var ids = MetricDefinitions.Groups.SelectMany(g => g.Metrics).Select(m => m.Id).ToHashSet();

        var charts = RepositoryCharts.Build(Input(bots: true));

        Assert.Equal(charts.Count, charts.Select(c => c.Key).Distinct().Count());
        Assert.All(charts, c => Assert.Contains(c.DefinitionId, ids));
        Assert.Contains("waiting_for_response", ids);
        Assert.All(MetricsCsvColumns, column => Assert.Contains(column, ids));
    }

    private static IEnumerable<string> MetricsCsvColumns => Health.Core.Export.MetricsCsv.Header.Skip(2);
}
