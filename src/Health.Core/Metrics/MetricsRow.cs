namespace Health.Core.Metrics;

/// <summary>One row of the metrics contract (METRICS.md): a repository (or group) and a period. Null = a value over an empty set.</summary>
public sealed record MetricsRow(
    string Repo,
    DateTime PeriodStart,
    int PrsOpened,
    int PrsMerged,
    int PrsClosedUnmerged,
    double? MergeRate,
    int OpenPrsAtEnd,
    double? PrFirstResponseMedianH,
    double? PrFirstResponseP90H,
    int PrsUnanswered,
    double? PrFirstReviewMedianH,
    double? PrMergeMedianH,
    double? PrMergeP90H,
    int IssuesOpened,
    int IssuesClosed,
    double? IssueFirstResponseMedianH,
    double? IssueCloseMedianH,
    int ActiveContributors,
    int NewContributors,
    int Newcomers,
    int NewcomersRetained90d,
    double? NewcomerRetention90d,
    double? NewcomerPrMergeRate,
    int? BusFactor);
