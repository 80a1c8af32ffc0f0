using System.Globalization;
using Health.Core.Dashboard;
using Health.Core.Metrics.Formulas;
using Health.Web.Components.Charts;

namespace Health.Web.Components.Pages.Repository;

/// <summary>The people charts: contributors, newcomer cohorts, bus factor, review load.</summary>
internal static class PeopleCharts
{
    public static DashboardChart Contributors(ChartInput input)
    {
        var table = input.PerPeriod(
            [
                new("active_contributors", "Active contributors", ColumnKind.Count),
                new("new_contributors", "New contributors", ColumnKind.Count),
                new("newcomers", "Newcomers (first PR)", ColumnKind.Count),
            ],
            (r, _) => [r.ActiveContributors, r.NewContributors, r.Newcomers]);
        return new DashboardChart(
            "contributors", "Active and new contributors", "People (never bots) who opened, reviewed or commented in each period; those seen for the first time; those whose first PR it was.", "active_contributors",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Number) with { YAxisTitle = "People" }, table,
            "No one contributed in this range.");
    }

    public static DashboardChart Cohorts(ChartInput input)
    {
        var months = Enumerable.Range(0, ReturningNewcomers.MaxOffset + 1)
            .Select(m => new ChartColumn($"month_{m}", $"+{m}", ColumnKind.Rate));
        var table = new ChartTable(
            new ChartColumn("cohort_month", "Cohort (month of first PR)", ColumnKind.Count),
            [new ChartColumn("newcomers", "Newcomers", ColumnKind.Count, Plotted: false), .. months],
            [.. input.Extras.Cohorts.Select(c => new ChartRow(Periods.Label(c.Month)[..7], Periods.Label(c.Month)[..7], [c.Newcomers, .. c.Shares]))]);
        var spec = ChartShapes.Heatmap(table, ValueFormat.Percent, r => $"{r.AxisLabel} ({((int)(r.Values[0] ?? 0)).ToString(CultureInfo.InvariantCulture)})") with { XAxisTitle = "Months since the first PR" };
        return new DashboardChart(
            "cohort-retention", "Newcomer retention by cohort",
            "Row: the newcomers whose first PR was in that month (how many in brackets). Cell +N: the share of them who opened another PR in the month N months later (+0: later that same month); blank until that month has ended.",
            "cohort_retention", spec, table, "No newcomer cohort in this range.");
    }

    public static DashboardChart BusFactor(ChartInput input)
    {
        var table = input.PerPeriod([new("bus_factor", "Bus factor", ColumnKind.Count)], (r, _) => [r.BusFactor]);
        return new DashboardChart(
            "bus-factor", "Bus factor", "The fewest PR authors whose merged PRs make up at least half of each period's merged PRs.", "bus_factor",
            ChartShapes.Lines(ChartKind.Bar, table, ValueFormat.Number) with { YAxisTitle = "Authors" }, table,
            "No pull request was merged in this range.");
    }

    public static DashboardChart ReviewLoad(ChartInput input)
    {
        var table = input.PerPeriod(
            [
                new("reviews", "Reviews", ColumnKind.Count, Plotted: false),
                new("reviewers", "Reviewers", ColumnKind.Count, Plotted: false),
                new("review_load_top1", "Top reviewer", ColumnKind.Rate),
                new("review_load_top3", "Top 3 reviewers", ColumnKind.Rate),
                new("review_load_top10", "Top 10 reviewers", ColumnKind.Rate),
            ],
            (_, x) => [x?.ReviewLoad.Reviews, x?.ReviewLoad.Reviewers, x?.ReviewLoad.Top1, x?.ReviewLoad.Top3, x?.ReviewLoad.Top10]);
        return new DashboardChart(
            "review-load", "Review load", "Of the reviews people (not bots, not the PR's author) submitted in each period, the share by the busiest 1, 3 and 10 reviewers.", "review_load",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Percent), table,
            "No review was submitted in this range.");
    }
}
