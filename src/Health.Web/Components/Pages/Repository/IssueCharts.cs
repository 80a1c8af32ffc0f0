using Health.Web.Components.Charts;

namespace Health.Web.Components.Pages.Repository;

/// <summary>The issue charts: opened and closed, and the first response.</summary>
internal static class IssueCharts
{
    public static DashboardChart Flow(ChartInput input)
    {
        ChartColumn[] columns =
        [
            new("issues_opened", "Opened", ColumnKind.Count),
            new("issues_closed", "Closed", ColumnKind.Count),
            .. input.Bots ? [new ChartColumn("bot_issues_opened", "Bot-authored issues opened", ColumnKind.Count)] : Array.Empty<ChartColumn>(),
        ];
        var table = input.PerPeriod(columns, (r, x) => [r.IssuesOpened, r.IssuesClosed, .. input.Bots ? [x?.BotIssuesOpened] : Array.Empty<double?>()]);
        var bots = input.Bots ? " Bot-authored issues are a separate series; they are in no other figure." : " Bot-authored issues are left out.";
        return new DashboardChart(
            "issues", "Issues opened and closed", "Issues (not pull requests) opened and closed in each period." + bots, "issues_opened",
            ChartShapes.Lines(ChartKind.Bar, table, ValueFormat.Number) with { YAxisTitle = "Issues" }, table,
            "No issue was opened or closed in this range.");
    }

    public static DashboardChart Response(ChartInput input)
    {
        var table = input.PerPeriod([new("issue_first_response_median_h", "Median", ColumnKind.Hours)], (r, _) => [r.IssueFirstResponseMedianH]);
        return new DashboardChart(
            "issue-response", "Issue first response", "Median hours from opening to the first comment by a human other than the author, for issues opened in each period.", "issue_first_response_median_h",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Hours) with { YAxisTitle = "Hours" }, table,
            "No issue opened in this range has a response yet.");
    }
}
