namespace Health.Core.Dashboard;

/// <summary>
/// The figures of one period the dashboard shows besides METRICS.md's columns: the p90 of the first review, the
/// review load, and (for the include-bots toggle) the PRs and issues bot accounts opened.
/// </summary>
public sealed record DashboardPeriod(
    DateTime PeriodStart,
    double? PrFirstReviewP90H,
    ReviewLoadShares ReviewLoad,
    int BotPrsOpened,
    int BotIssuesOpened);

/// <summary>One monthly newcomer cohort: its size, and for months 0 to 12 after it the share that authored another PR (null = blank).</summary>
public sealed record ReturningNewcomersRow(DateTime Month, int Newcomers, IReadOnlyList<double?> Shares);

/// <summary>What the repository page charts beyond the metrics rows: one entry a period, and the cohorts of the range's months.</summary>
public sealed record DashboardCharts(IReadOnlyList<DashboardPeriod> Periods, IReadOnlyList<ReturningNewcomersRow> Cohorts);

/// <summary>An open PR or issue that no one has answered yet.</summary>
public sealed record WaitingItem(int Number, string Title, string? AuthorLogin, DateTime CreatedAt, TimeSpan Waiting, string Url);

/// <summary>The longest-waiting items (oldest first) and how many are waiting in all.</summary>
public sealed record WaitingList(int Total, IReadOnlyList<WaitingItem> Items);

/// <summary>Where a newcomer's first PR stands.</summary>
public enum FirstPrOutcome
{
    Open,
    Merged,
    ClosedUnmerged,
}

/// <summary>An account whose first authored PR in the repository was created in the period shown.</summary>
public sealed record NewcomerItem(
    long AccountId,
    string Login,
    string ProfileUrl,
    int FirstPrNumber,
    string FirstPrTitle,
    string FirstPrUrl,
    DateTime FirstPrCreatedAt,
    FirstPrOutcome Outcome);

/// <summary>
/// The lists that invite action: open PRs and issues waiting longest for a first response (now, whatever the range),
/// and the newcomers of the range's last complete period (<see cref="NewcomersPeriodStart"/>; null when no period of
/// the range is complete yet).
/// </summary>
public sealed record ActionLists(WaitingList WaitingPrs, WaitingList WaitingIssues, DateTime? NewcomersPeriodStart, IReadOnlyList<NewcomerItem> Newcomers);
