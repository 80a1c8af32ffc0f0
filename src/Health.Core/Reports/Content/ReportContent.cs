using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;

namespace Health.Core.Reports.Content;

/// <summary>
/// What a report says, before any rendering: for the period against the one before, each repository's key metrics,
/// what waits longest for a first response, the period's newcomers, the retention of the cohort that just completed its
/// 90 days, and the review load. Every string that comes from GitHub (titles, logins) is raw here; renderers encode it.
/// </summary>
public sealed record ReportContent(
    string Scope,
    PeriodKind Kind,
    DateTime PeriodStart,
    DateTime PreviousStart,
    DateTime GeneratedAt,
    IReadOnlyList<RepositoryReport> Repositories,
    GroupReport? Group,
    IReadOnlyList<MetricsRow> PeriodRows)
{
    public DateTime PeriodEnd => Periods.Next(PeriodStart, Kind);

    public string PeriodText => ReportPeriods.Describe(PeriodStart, Kind);

    public string PreviousText => ReportPeriods.Describe(PreviousStart, Kind);

    /// <summary>The email subject and the heading: "Health report for acme/widgets: week of 2026-10-19 to 2026-10-25".</summary>
    public string Title => $"Health report for {Scope}: {PeriodText}";
}

/// <summary>One repository's part of a report.</summary>
public sealed record RepositoryReport(
    string FullName,
    string Url,
    IReadOnlyList<MetricChange> Metrics,
    WaitingList WaitingPrs,
    WaitingList WaitingIssues,
    IReadOnlyList<NewcomerItem> Newcomers,
    RetentionCohort Retention,
    ReviewLoadShares ReviewLoad,
    ReviewLoadShares PreviousReviewLoad,
    IntakeSummary? Intake = null);

/// <summary>The intake of a repository's report: the period's and the one before's intake rows, and the target they judge.</summary>
public sealed record IntakeSummary(Metrics.IntakeRow? Current, Metrics.IntakeRow? Previous, double TargetHours);

/// <summary>The repositories of a report pooled (METRICS.md's groups), when it covers more than one.</summary>
public sealed record GroupReport(string Label, IReadOnlyList<MetricChange> Metrics);

/// <summary>The newcomers of one period and how many of them opened another PR within 90 days; <see cref="Rate"/> is null while not final.</summary>
public sealed record RetentionCohort(DateTime PeriodStart, PeriodKind Kind, int Newcomers, int Retained, double? Rate)
{
    public string PeriodText => ReportPeriods.Describe(PeriodStart, Kind);
}
