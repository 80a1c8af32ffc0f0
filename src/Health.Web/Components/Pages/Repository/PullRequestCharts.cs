using Health.Web.Components.Charts;

namespace Health.Web.Components.Pages.Repository;

/// <summary>The pull request charts: flow, backlog, merge rate, first response and review, time to merge.</summary>
internal static class PullRequestCharts
{
    public static DashboardChart Flow(ChartInput input)
    {
        ChartColumn[] columns =
        [
            new("prs_opened", "Opened", ColumnKind.Count),
            new("prs_merged", "Merged", ColumnKind.Count),
            new("prs_closed_unmerged", "Closed unmerged", ColumnKind.Count),
            .. input.Bots ? [new ChartColumn("bot_prs_opened", "Bot-authored PRs opened", ColumnKind.Count)] : Array.Empty<ChartColumn>(),
        ];
        var table = input.PerPeriod(columns, (r, x) => [r.PrsOpened, r.PrsMerged, r.PrsClosedUnmerged, .. input.Bots ? [x?.BotPrsOpened] : Array.Empty<double?>()]);
        var bots = input.Bots ? " Bot-authored PRs are a separate series; they are in no other figure." : " Bot-authored PRs are left out.";
        return new DashboardChart(
            "pr-flow", "Pull request flow", "PRs opened, merged, and closed without merging in each period." + bots, "prs_opened",
            ChartShapes.Lines(ChartKind.Bar, table, ValueFormat.Number) with { YAxisTitle = "PRs" }, table,
            "No pull request was opened, merged or closed in this range.");
    }

    public static DashboardChart Backlog(ChartInput input)
    {
        var table = input.PerPeriod([new("open_prs_at_end", "Open at the period's end", ColumnKind.Count)], (r, _) => [r.OpenPrsAtEnd]);
        return new DashboardChart(
            "open-prs", "Open PR backlog", "PRs still open at the end of each period (created before it, not closed by then).", "open_prs_at_end",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Number) with { YAxisTitle = "Open PRs" }, table,
            "No pull request was open in this range.");
    }

    public static DashboardChart MergeRate(ChartInput input)
    {
        var table = input.PerPeriod(
            [new("merge_rate", "All PRs", ColumnKind.Rate), new("newcomer_pr_merge_rate", "First PRs of their authors", ColumnKind.Rate)],
            (r, _) => [r.MergeRate, r.NewcomerPrMergeRate]);
        return new DashboardChart(
            "merge-rate", "Merge rate", "Of the PRs finished in each period (merged or closed unmerged), the share merged; a gap to first PRs points to drive-by PRs.", "merge_rate",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Percent), table,
            "No pull request was merged or closed in this range.");
    }

    public static DashboardChart Response(ChartInput input)
    {
        var table = input.PerPeriod(
            [
                new("pr_first_response_median_h", "First response, median", ColumnKind.Hours),
                new("pr_first_response_p90_h", "First response, p90", ColumnKind.Hours),
                new("pr_first_review_median_h", "First review, median", ColumnKind.Hours),
                new("pr_first_review_p90_h", "First review, p90", ColumnKind.Hours),
            ],
            (r, x) => [r.PrFirstResponseMedianH, r.PrFirstResponseP90H, r.PrFirstReviewMedianH, x?.PrFirstReviewP90H]);
        return new DashboardChart(
            "first-response", "First response and first review", "Hours from opening to the first response (review or comment) and to the first review by a human other than the author, for PRs opened in each period.", "pr_first_response_median_h",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Hours) with { YAxisTitle = "Hours" }, table,
            "No PR opened in this range has a response yet.");
    }

    public static DashboardChart TimeToMerge(ChartInput input)
    {
        var table = input.PerPeriod(
            [new("pr_merge_median_h", "Median", ColumnKind.Hours), new("pr_merge_p90_h", "p90", ColumnKind.Hours)],
            (r, _) => [r.PrMergeMedianH, r.PrMergeP90H]);
        return new DashboardChart(
            "time-to-merge", "Time to merge", "Hours from opening to merge, for PRs merged in each period.", "pr_merge_median_h",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Hours) with { YAxisTitle = "Hours" }, table,
            "No pull request was merged in this range.");
    }
}
