using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Web.Components.Charts;

namespace Health.Web.Components.Pages.Compare;

/// <summary>
/// The charts of the compare page: one a METRICS.md figure, one series an entry of the comparison, one point a period.
/// The table behind each chart has a row a period and a column an entry; the page and the CSV endpoint both call this.
/// </summary>
public static class CompareCharts
{
    private static readonly Metric[] Metrics =
    [
        new("prs-opened", "prs_opened", "PRs opened", "PRs opened in each period (bots left out).", ColumnKind.Count, (r, _) => r.PrsOpened),
        new("prs-merged", "prs_merged", "PRs merged", "PRs merged in each period.", ColumnKind.Count, (r, _) => r.PrsMerged),
        new("merge-rate", "merge_rate", "Merge rate", "Of the PRs finished in each period (merged or closed unmerged), the share merged.", ColumnKind.Rate, (r, _) => r.MergeRate),
        new("open-prs", "open_prs_at_end", "Open PR backlog", "PRs still open at the end of each period.", ColumnKind.Count, (r, _) => r.OpenPrsAtEnd),
        new("first-response", "pr_first_response_median_h", "PR first response, median", "Median hours from opening to the first response by someone other than the author, for PRs opened in each period.", ColumnKind.Hours, (r, _) => r.PrFirstResponseMedianH),
        new("first-review", "pr_first_review_median_h", "PR first review, median", "Median hours from opening to the first review by a human other than the author, for PRs opened in each period.", ColumnKind.Hours, (r, _) => r.PrFirstReviewMedianH),
        new("time-to-merge", "pr_merge_median_h", "Time to merge, median", "Median hours from opening to merge, for PRs merged in each period.", ColumnKind.Hours, (r, _) => r.PrMergeMedianH),
        new("issues-opened", "issues_opened", "Issues opened", "Issues opened in each period (bots left out).", ColumnKind.Count, (r, _) => r.IssuesOpened),
        new("issue-first-response", "issue_first_response_median_h", "Issue first response, median", "Median hours from opening to the first comment by someone other than the author, for issues opened in each period.", ColumnKind.Hours, (r, _) => r.IssueFirstResponseMedianH),
        new("active-contributors", "active_contributors", "Active contributors", "People (not bots) who authored a PR, reviewed, opened an issue or commented in each period.", ColumnKind.Count, (r, _) => r.ActiveContributors),
        new("newcomers", "newcomers", "Newcomers", "Authors whose first PR was opened in each period.", ColumnKind.Count, (r, _) => r.Newcomers),
        new("newcomer-retention", "newcomer_retention_90d", "Newcomer retention (90 days)", "Of each period's newcomers, the share who authored another PR within 90 days of their first; blank until 90 days after the period's end.", ColumnKind.Rate, (r, _) => r.NewcomerRetention90d),
        new("newcomer-merge-rate", "newcomer_pr_merge_rate", "First-PR merge rate", "Of the first PRs of their authors finished in each period, the share merged.", ColumnKind.Rate, (r, _) => r.NewcomerPrMergeRate),
        new("bus-factor", "bus_factor", "Bus factor", "The fewest PR authors who together account for half of the PRs merged in each period.", ColumnKind.Count, (r, _) => r.BusFactor),
        new("response-target", "response_target_rate", "First-response target met", "Of the PRs opened in each period that can be judged, the share first answered within Health:ResponseTargetHours.", ColumnKind.Rate, (_, i) => i?.ResponseTargetRate),
        new("unmerged-responses", "unmerged_response_share", "Reviewing spent on unmerged work", "Of the responses on the PRs finished in each period, the share on PRs closed without merging.", ColumnKind.Rate, (_, i) => i?.UnmergedResponseShare),
    ];

    /// <summary>The charts' keys, as they appear in the CSV URLs.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Metrics.Select(m => m.Key)];

    /// <summary>
    /// Shapes the charts from each entry's rows. Every period of <paramref name="starts"/> is a row; an entry with no row
    /// for a period is blank there.
    /// </summary>
    public static IReadOnlyList<DashboardChart> Build(IReadOnlyList<CompareEntry> entries, PeriodKind kind, IReadOnlyList<DateTime> starts)
    {
        var byPeriod = entries.Select(e => e.Rows.ToDictionary(r => r.PeriodStart)).ToList();
        var intakeByPeriod = entries.Select(e => e.Intake.ToDictionary(r => r.PeriodStart)).ToList();
        return [.. Metrics.Select(metric =>
        {
            var columns = entries.Select(e => new ChartColumn(e.Scope.Item.Text, e.Scope.Label, metric.Kind)).ToList();
            var rows = starts.Select(start => ChartShapes.PeriodRow(start, kind, [.. byPeriod.Select((rows, e) => rows.TryGetValue(start, out var row) ? metric.Value(row, intakeByPeriod[e].GetValueOrDefault(start)) : null)])).ToList();
            var table = new ChartTable(ChartShapes.PeriodStart, columns, rows);
            var format = metric.Kind switch { ColumnKind.Rate => ValueFormat.Percent, ColumnKind.Hours => ValueFormat.Hours, _ => ValueFormat.Number };
            var spec = ChartShapes.Lines(ChartKind.Line, table, format) with { YAxisTitle = metric.Kind == ColumnKind.Hours ? "Hours" : null };
            return new DashboardChart(metric.Key, metric.Title, metric.Explanation, metric.Column, spec, table, $"None of the entries has a value for {metric.Title.ToLowerInvariant()} in this range.");
        })];
    }

    /// <summary>Reads the figures of each entry over the view's range (an organisation pooled) and shapes the charts (<paramref name="target"/>: the first-response promise).</summary>
    public static async Task<IReadOnlyList<DashboardChart>> LoadAsync(MetricsService metrics, IReadOnlyList<CompareScope> scopes, CompareView view, TimeSpan target, CancellationToken ct)
    {
        var entries = new List<CompareEntry>();
        foreach (var scope in scopes)
        {
            entries.Add(new CompareEntry(
                scope,
                await metrics.ForGroupAsync(scope.RepositoryIds, scope.Label, view.Period, view.From, view.To, ct),
                await metrics.IntakeAsync(scope.RepositoryIds, scope.Label, view.Period, view.From, view.To, target, ct)));
        }

        return Build(entries, view.Period, DashboardService.Starts(view.Period, view.From, view.To));
    }

    private sealed record Metric(string Key, string Column, string Title, string Explanation, ColumnKind Kind, Func<MetricsRow, IntakeRow?, double?> Value);
}

/// <summary>One entry of a comparison with its metrics and intake rows over the view's range.</summary>
public sealed record CompareEntry(CompareScope Scope, IReadOnlyList<MetricsRow> Rows, IReadOnlyList<IntakeRow> Intake);
