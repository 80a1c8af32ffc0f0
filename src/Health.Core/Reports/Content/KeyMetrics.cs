using Health.Core.Metrics;

namespace Health.Core.Reports.Content;

/// <summary>The metrics a report compares, in the order it shows them, each with its healthy direction.</summary>
public static class KeyMetrics
{
    private static readonly (string Column, string Label, MetricUnit Unit, HealthDirection Direction, Func<MetricsRow, double?> Value)[] Definitions =
    [
        ("prs_opened", "PRs opened", MetricUnit.Count, HealthDirection.HigherIsBetter, r => r.PrsOpened),
        ("prs_merged", "PRs merged", MetricUnit.Count, HealthDirection.HigherIsBetter, r => r.PrsMerged),
        ("merge_rate", "Merge rate", MetricUnit.Rate, HealthDirection.HigherIsBetter, r => r.MergeRate),
        ("open_prs_at_end", "Open PRs at the end", MetricUnit.Count, HealthDirection.LowerIsBetter, r => r.OpenPrsAtEnd),
        ("pr_first_response_median_h", "Median first response to a PR", MetricUnit.Hours, HealthDirection.LowerIsBetter, r => r.PrFirstResponseMedianH),
        ("prs_unanswered", "PRs of the period still unanswered", MetricUnit.Count, HealthDirection.LowerIsBetter, r => r.PrsUnanswered),
        ("pr_merge_median_h", "Median time to merge", MetricUnit.Hours, HealthDirection.LowerIsBetter, r => r.PrMergeMedianH),
        ("issues_opened", "Issues opened", MetricUnit.Count, HealthDirection.Neutral, r => r.IssuesOpened),
        ("issues_closed", "Issues closed", MetricUnit.Count, HealthDirection.HigherIsBetter, r => r.IssuesClosed),
        ("issue_first_response_median_h", "Median first response to an issue", MetricUnit.Hours, HealthDirection.LowerIsBetter, r => r.IssueFirstResponseMedianH),
        ("active_contributors", "Active contributors", MetricUnit.Count, HealthDirection.HigherIsBetter, r => r.ActiveContributors),
        ("newcomers", "Newcomers (first PR)", MetricUnit.Count, HealthDirection.HigherIsBetter, r => r.Newcomers),
        ("newcomer_pr_merge_rate", "Merge rate of first PRs", MetricUnit.Rate, HealthDirection.HigherIsBetter, r => r.NewcomerPrMergeRate),
        ("bus_factor", "Bus factor", MetricUnit.Count, HealthDirection.HigherIsBetter, r => r.BusFactor),
    ];

    /// <summary>The CSV columns compared, in order.</summary>
    public static IEnumerable<string> Columns => Definitions.Select(d => d.Column);

    /// <summary>Each key metric of <paramref name="current"/> against <paramref name="previous"/> (null: no earlier row).</summary>
    public static IReadOnlyList<MetricChange> Compare(MetricsRow current, MetricsRow? previous) =>
        [.. Definitions.Select(d => new MetricChange(d.Column, d.Label, d.Unit, d.Direction, d.Value(current), previous is null ? null : d.Value(previous)))];
}
