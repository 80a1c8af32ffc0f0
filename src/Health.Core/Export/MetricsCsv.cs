using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;

namespace Health.Core.Export;

/// <summary>The metrics CSV of METRICS.md, header and formats exactly as the contract states.</summary>
public static class MetricsCsv
{
    public static readonly string[] Header =
    [
        "repo", "period_start", "prs_opened", "prs_merged", "prs_closed_unmerged", "merge_rate", "open_prs_at_end",
        "pr_first_response_median_h", "pr_first_response_p90_h", "prs_unanswered", "pr_first_review_median_h",
        "pr_merge_median_h", "pr_merge_p90_h", "issues_opened", "issues_closed", "issue_first_response_median_h",
        "issue_close_median_h", "active_contributors", "new_contributors", "newcomers", "newcomers_retained_90d",
        "newcomer_retention_90d", "newcomer_pr_merge_rate", "bus_factor",
    ];

    public static Task WriteAsync(TextWriter writer, IEnumerable<MetricsRow> rows, CancellationToken ct) =>
        CsvFormat.WriteRowsAsync(writer, Header, rows, Cells, ct);

    public static IEnumerable<string> Cells(MetricsRow r) =>
    [
        r.Repo, Periods.Label(r.PeriodStart), CsvNumbers.Count(r.PrsOpened), CsvNumbers.Count(r.PrsMerged),
        CsvNumbers.Count(r.PrsClosedUnmerged), CsvNumbers.Rate(r.MergeRate), CsvNumbers.Count(r.OpenPrsAtEnd),
        CsvNumbers.Hours(r.PrFirstResponseMedianH), CsvNumbers.Hours(r.PrFirstResponseP90H), CsvNumbers.Count(r.PrsUnanswered),
        CsvNumbers.Hours(r.PrFirstReviewMedianH), CsvNumbers.Hours(r.PrMergeMedianH), CsvNumbers.Hours(r.PrMergeP90H),
        CsvNumbers.Count(r.IssuesOpened), CsvNumbers.Count(r.IssuesClosed), CsvNumbers.Hours(r.IssueFirstResponseMedianH),
        CsvNumbers.Hours(r.IssueCloseMedianH), CsvNumbers.Count(r.ActiveContributors), CsvNumbers.Count(r.NewContributors),
        CsvNumbers.Count(r.Newcomers), CsvNumbers.Count(r.NewcomersRetained90d), CsvNumbers.Rate(r.NewcomerRetention90d),
        CsvNumbers.Rate(r.NewcomerPrMergeRate), r.BusFactor is { } b ? CsvNumbers.Count(b) : string.Empty,
    ];
}
