using System.Globalization;
using GitHubSimulator;

namespace Health.Testing.Reference;

/// <summary>
/// A deliberately simple, independent implementation of /work/shared/METRICS.md, computed straight from the
/// simulator's in-memory world (plain LINQ, no code from src/). The product's CSV export, built from the database,
/// is checked cell by cell against it.
/// </summary>
/// <remarks>
/// Decisions where METRICS.md is silent (the project's choices):
/// <list type="bullet">
/// <item>Every timestamp is truncated to the whole second first (GitHub and the database keep seconds).</item>
/// <item>A PR's figures use <c>closed_at</c>/<c>merged_at</c> as they are; an issue counts as closed only when its
/// state is <c>closed</c> and <c>closed_at</c> is known.</item>
/// <item>An account's "first PR" is every PR of the account whose <c>created_at</c> equals the account's earliest one
/// (ties at the second are all first); "another PR created later" is strictly later.</item>
/// <item>Reviews and comments by humans on bot-authored PRs are contributions (only the bot's PR is excluded).</item>
/// <item>Without <c>from</c>, periods start at the first activity (earliest <c>created_at</c> of any PR or issue,
/// bots included); no activity at all gives no rows. Without <c>to</c>, they end with the period holding now.</item>
/// <item>Events before a PR's/issue's <c>created_at</c> are not filtered out (the simulator never makes them).</item>
/// </list>
/// </remarks>
public static class ReferenceMetrics
{
    public const string Header = "repo,period_start,prs_opened,prs_merged,prs_closed_unmerged,merge_rate,open_prs_at_end,pr_first_response_median_h,pr_first_response_p90_h,prs_unanswered,pr_first_review_median_h,pr_merge_median_h,pr_merge_p90_h,issues_opened,issues_closed,issue_first_response_median_h,issue_close_median_h,active_contributors,new_contributors,newcomers,newcomers_retained_90d,newcomer_retention_90d,newcomer_pr_merge_rate,bus_factor";

    private const double RetentionHours = 2_160;

    /// <summary>
    /// One repository: every period from the first one with any activity of the repository to the one containing
    /// <paramref name="now"/>, or the periods overlapping [<paramref name="from"/>, <paramref name="to"/>]
    /// (inclusive days, UTC) when given. Rows ordered by period_start, without line ends.
    /// </summary>
    public static IReadOnlyList<string> Rows(
        World world,
        SimRepository repo,
        string period,
        DateTime now,
        DateTime lastSyncAt,
        IReadOnlySet<string> extraBotLogins,
        DateTime? from = null,
        DateTime? to = null)
    {
        ArgumentNullException.ThrowIfNull(repo);
        return GroupRows(world, [repo], repo.FullName, period, now, lastSyncAt, extraBotLogins, from, to);
    }

    /// <summary>The CSV text of <see cref="Rows"/>: header, then each row, every line ending in <c>\n</c>.</summary>
    public static string Csv(
        World world,
        SimRepository repo,
        string period,
        DateTime now,
        DateTime lastSyncAt,
        IReadOnlySet<string> extraBotLogins,
        DateTime? from = null,
        DateTime? to = null) =>
        ToCsv(Rows(world, repo, period, now, lastSyncAt, extraBotLogins, from, to));

    /// <summary>
    /// A group of repositories as one: counts summed, durations pooled before the median/p90, contributors and
    /// newcomers de-duplicated by account id (an account's first PR is its earliest across the group), bus factor
    /// over the pooled merged PRs; the repo column is <paramref name="groupLabel"/>; periods from the group's
    /// first activity.
    /// </summary>
    public static IReadOnlyList<string> GroupRows(
        World world,
        IReadOnlyList<SimRepository> repos,
        string groupLabel,
        string period,
        DateTime now,
        DateTime lastSyncAt,
        IReadOnlySet<string> extraBotLogins,
        DateTime? from = null,
        DateTime? to = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(repos);
        ArgumentNullException.ThrowIfNull(extraBotLogins);
        if (period is not ("week" or "month"))
        {
            throw new ArgumentException($"Unknown period '{period}' (week or month).", nameof(period));
        }

        Facts facts;
        lock (world.SyncRoot)
        {
            facts = Collect(repos, extraBotLogins);
        }

        DateTime syncAt = Sec(lastSyncAt);
        List<DateTime> starts = PeriodStarts(period, facts.FirstActivity, Sec(now), from, to);

        // Over all collected data of the group (not only the periods shown).
        Dictionary<long, DateTime> firstContribution = facts.Contributions
            .GroupBy(c => c.AccountId)
            .ToDictionary(g => g.Key, g => g.Min(c => c.At));
        List<PrFact> humanPrs = facts.Prs.Where(p => p.AuthorId is not null).ToList();
        Dictionary<long, DateTime> firstPr = humanPrs
            .GroupBy(p => p.AuthorId!.Value)
            .ToDictionary(g => g.Key, g => g.Min(p => p.Created));

        var rows = new List<string>();
        foreach (DateTime start in starts)
        {
            DateTime end = Next(start, period);
            bool InPeriod(DateTime? t) => t is { } v && v >= start && v < end;

            // Pull requests (bot-authored PRs were left out when collecting).
            List<PrFact> opened = facts.Prs.Where(p => InPeriod(p.Created)).ToList();
            List<PrFact> merged = facts.Prs.Where(p => InPeriod(p.Merged)).ToList();
            List<PrFact> closedUnmerged = facts.Prs.Where(p => p.Merged is null && InPeriod(p.Closed)).ToList();
            int openAtEnd = facts.Prs.Count(p => p.Created < end && (p.Closed is null || p.Closed >= end));
            List<double> responseHours = opened.Where(p => p.FirstResponse is not null)
                .Select(p => Hours(p.Created, p.FirstResponse!.Value)).ToList();
            int unanswered = opened.Count(p => p.FirstResponse is null);
            List<double> reviewHours = opened.Where(p => p.FirstReview is not null)
                .Select(p => Hours(p.Created, p.FirstReview!.Value)).ToList();
            List<double> mergeHours = merged.Select(p => Hours(p.Created, p.Merged!.Value)).ToList();

            // Issues.
            List<IssueFact> issuesOpened = facts.Issues.Where(i => InPeriod(i.Created)).ToList();
            List<IssueFact> issuesClosed = facts.Issues.Where(i => InPeriod(i.Closed)).ToList();
            List<double> issueResponseHours = issuesOpened.Where(i => i.FirstResponse is not null)
                .Select(i => Hours(i.Created, i.FirstResponse!.Value)).ToList();
            List<double> issueCloseHours = issuesClosed.Select(i => Hours(i.Created, i.Closed!.Value)).ToList();

            // Contributors.
            int active = facts.Contributions.Where(c => InPeriod(c.At)).Select(c => c.AccountId).Distinct().Count();
            int newContributors = firstContribution.Count(kv => InPeriod(kv.Value));
            List<long> newcomers = firstPr.Where(kv => InPeriod(kv.Value)).Select(kv => kv.Key).ToList();
            int retained = newcomers.Count(id => humanPrs.Any(p =>
                p.AuthorId == id && p.Created > firstPr[id] && p.Created <= firstPr[id].AddHours(RetentionHours)));
            double? retention = newcomers.Count == 0 || end.AddDays(90) > syncAt
                ? null
                : retained / (double)newcomers.Count;

            List<PrFact> firstPrsClosed = merged.Concat(closedUnmerged)
                .Where(p => p.AuthorId is { } id && p.Created == firstPr[id])
                .ToList();
            double? newcomerMergeRate = Rate(firstPrsClosed.Count(p => p.Merged is not null), firstPrsClosed.Count);

            rows.Add(string.Join(",", new[]
            {
                Cell(groupLabel),
                start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Count(opened.Count),
                Count(merged.Count),
                Count(closedUnmerged.Count),
                Fraction(Rate(merged.Count, merged.Count + closedUnmerged.Count)),
                Count(openAtEnd),
                HoursCell(Median(responseHours)),
                HoursCell(P90(responseHours)),
                Count(unanswered),
                HoursCell(Median(reviewHours)),
                HoursCell(Median(mergeHours)),
                HoursCell(P90(mergeHours)),
                Count(issuesOpened.Count),
                Count(issuesClosed.Count),
                HoursCell(Median(issueResponseHours)),
                HoursCell(Median(issueCloseHours)),
                Count(active),
                Count(newContributors),
                Count(newcomers.Count),
                Count(retained),
                Fraction(retention),
                Fraction(newcomerMergeRate),
                BusFactor(merged) is { } bus ? Count(bus) : "",
            }));
        }

        return rows;
    }

    /// <summary>The CSV text of <see cref="GroupRows"/>.</summary>
    public static string GroupCsv(
        World world,
        IReadOnlyList<SimRepository> repos,
        string groupLabel,
        string period,
        DateTime now,
        DateTime lastSyncAt,
        IReadOnlySet<string> extraBotLogins,
        DateTime? from = null,
        DateTime? to = null) =>
        ToCsv(GroupRows(world, repos, groupLabel, period, now, lastSyncAt, extraBotLogins, from, to));

    // ---- Collecting the facts from the world ----

    /// <summary>A PR not authored by a bot. AuthorId null = deleted author. Times truncated to the second.</summary>
    private sealed record PrFact(long? AuthorId, DateTime Created, DateTime? Closed, DateTime? Merged, DateTime? FirstResponse, DateTime? FirstReview);

    /// <summary>An issue not authored by a bot; Closed only when the issue is closed.</summary>
    private sealed record IssueFact(DateTime Created, DateTime? Closed, DateTime? FirstResponse);

    /// <summary>A contribution by a human (non-bot, non-deleted) account.</summary>
    private sealed record Contribution(long AccountId, DateTime At);

    /// <summary>An event by a human account on the item numbered <paramref name="Number"/>.</summary>
    private sealed record HumanEvent(int Number, long AccountId, DateTime At);

    private sealed record Facts(List<PrFact> Prs, List<IssueFact> Issues, List<Contribution> Contributions, DateTime? FirstActivity);

    private static Facts Collect(IReadOnlyList<SimRepository> repos, IReadOnlySet<string> extraBotLogins)
    {
        var prs = new List<PrFact>();
        var issues = new List<IssueFact>();
        var contributions = new List<Contribution>();
        DateTime? firstActivity = null;

        foreach (SimRepository repo in repos)
        {
            long? Human(SimAccount? account) => HumanId(account, extraBotLogins);

            // Activity of the repository: any PR or issue, whoever the author.
            foreach (DateTime created in repo.Pulls.Select(p => Sec(p.CreatedAt)).Concat(repo.Issues.Select(i => Sec(i.CreatedAt))))
            {
                if (firstActivity is null || created < firstActivity)
                {
                    firstActivity = created;
                }
            }

            // Events by humans only (bots and deleted accounts are never responders nor contributors).
            // Looked up by the number of the PR or issue they are on (issue comments: a PR's or an issue's number).
            ILookup<int, HumanEvent> reviews = repo.Reviews
                .Where(r => r.State != ReviewStates.Pending && r.SubmittedAt is not null && Human(r.User) is not null)
                .Select(r => new HumanEvent(r.PullNumber, Human(r.User)!.Value, Sec(r.SubmittedAt!.Value)))
                .ToLookup(e => e.Number);
            ILookup<int, HumanEvent> issueComments = repo.IssueComments
                .Where(c => Human(c.User) is not null)
                .Select(c => new HumanEvent(c.IssueNumber, Human(c.User)!.Value, Sec(c.CreatedAt)))
                .ToLookup(e => e.Number);
            ILookup<int, HumanEvent> reviewComments = repo.ReviewComments
                .Where(c => Human(c.User) is not null)
                .Select(c => new HumanEvent(c.PullNumber, Human(c.User)!.Value, Sec(c.CreatedAt)))
                .ToLookup(e => e.Number);

            foreach (SimPull pull in repo.Pulls.Where(p => !IsBot(p.User, extraBotLogins)))
            {
                long? author = Human(pull.User); // null for a deleted author: then every human responder counts
                List<DateTime> reviewTimes = reviews[pull.Number]
                    .Where(e => e.AccountId != author)
                    .Select(e => e.At)
                    .ToList();
                List<DateTime> responseTimes = reviewTimes
                    .Concat(issueComments[pull.Number].Where(e => e.AccountId != author).Select(e => e.At))
                    .Concat(reviewComments[pull.Number].Where(e => e.AccountId != author).Select(e => e.At))
                    .ToList();
                prs.Add(new PrFact(
                    author,
                    Sec(pull.CreatedAt),
                    pull.ClosedAt is { } closed ? Sec(closed) : null,
                    pull.MergedAt is { } mergedAt ? Sec(mergedAt) : null,
                    responseTimes.Count == 0 ? null : responseTimes.Min(),
                    reviewTimes.Count == 0 ? null : reviewTimes.Min()));
                if (author is { } id)
                {
                    contributions.Add(new Contribution(id, Sec(pull.CreatedAt)));
                }
            }

            foreach (SimIssue issue in repo.Issues.Where(i => !IsBot(i.User, extraBotLogins)))
            {
                long? author = Human(issue.User);
                List<DateTime> responseTimes = issueComments[issue.Number]
                    .Where(e => e.AccountId != author)
                    .Select(e => e.At)
                    .ToList();
                bool isClosed = issue.State == ItemStates.Closed && issue.ClosedAt is not null;
                issues.Add(new IssueFact(
                    Sec(issue.CreatedAt),
                    isClosed ? Sec(issue.ClosedAt!.Value) : null,
                    responseTimes.Count == 0 ? null : responseTimes.Min()));
                if (author is { } id)
                {
                    contributions.Add(new Contribution(id, Sec(issue.CreatedAt)));
                }
            }

            // Reviews and comments are contributions wherever they are (bot PRs included).
            contributions.AddRange(reviews.Concat(issueComments).Concat(reviewComments)
                .SelectMany(g => g)
                .Select(e => new Contribution(e.AccountId, e.At)));
        }

        return new Facts(prs, issues, contributions, firstActivity);
    }

    internal static bool IsDeleted(SimAccount? account) =>
        account is null || string.Equals(account.Login, "ghost", StringComparison.OrdinalIgnoreCase);

    internal static bool IsBot(SimAccount? account, IReadOnlySet<string> extraBotLogins) =>
        account is not null
        && (account.Type == AccountTypes.Bot
            || account.Login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase)
            || extraBotLogins.Any(login => string.Equals(login, account.Login, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The account's id when it is a human (neither deleted nor a bot); otherwise null.</summary>
    internal static long? HumanId(SimAccount? account, IReadOnlySet<string> extraBotLogins) =>
        IsDeleted(account) || IsBot(account, extraBotLogins) ? null : account!.Id;

    // ---- Time and periods ----

    internal static DateTime Sec(DateTime t) =>
        new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static double Hours(DateTime start, DateTime end) => (end - start).TotalHours;

    private static DateTime PeriodStart(DateTime t, string period)
    {
        DateTime day = new(t.Year, t.Month, t.Day, 0, 0, 0, DateTimeKind.Utc);
        return period == "week"
            ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) // back to Monday (ISO week)
            : new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc);
    }

    internal static DateTime Next(DateTime start, string period) =>
        period == "week" ? start.AddDays(7) : start.AddMonths(1);

    internal static List<DateTime> PeriodStarts(string period, DateTime? firstActivity, DateTime now, DateTime? from, DateTime? to)
    {
        DateTime? first = from is { } f ? Sec(f) : firstActivity;
        DateTime last = to is { } t ? Sec(t) : now;
        var starts = new List<DateTime>();
        if (first is null)
        {
            return starts;
        }

        for (DateTime s = PeriodStart(first.Value, period); s <= PeriodStart(last, period); s = Next(s, period))
        {
            starts.Add(s);
        }

        return starts;
    }

    // ---- Statistics ----

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        List<double> x = values.Order().ToList();
        int n = x.Count;
        return n % 2 == 1 ? x[n / 2] : (x[(n / 2) - 1] + x[n / 2]) / 2;
    }

    private static double? P90(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        List<double> x = values.Order().ToList();
        double h = (x.Count - 1) * 0.9;
        int lo = (int)h; // floor, h >= 0
        return lo + 1 >= x.Count ? x[lo] : x[lo] + ((h - lo) * (x[lo + 1] - x[lo]));
    }

    internal static double? Rate(int part, int whole) => whole == 0 ? null : part / (double)whole;

    /// <summary>The fewest authors whose merged PRs make up at least half of those with a known author.</summary>
    private static int? BusFactor(List<PrFact> merged)
    {
        List<int> perAuthor = merged
            .Where(p => p.AuthorId is not null)
            .GroupBy(p => p.AuthorId)
            .Select(g => g.Count())
            .OrderDescending()
            .ToList();
        int total = perAuthor.Sum();
        if (total == 0)
        {
            return null;
        }

        int covered = 0;
        int accounts = 0;
        foreach (int count in perAuthor)
        {
            covered += count;
            accounts++;
            if (2 * covered >= total)
            {
                break;
            }
        }

        return accounts;
    }

    // ---- Formatting ----

    internal static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string HoursCell(double? hours) =>
        hours is { } h ? decimal.Round((decimal)h, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture) : "";

    internal static string Fraction(double? rate) =>
        rate is { } r ? decimal.Round((decimal)r, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture) : "";

    /// <summary>RFC 4180: a cell holding a comma, quote, CR or LF is quoted, with its quotes doubled.</summary>
    internal static string Cell(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string ToCsv(IReadOnlyList<string> rows) =>
        Header + "\n" + string.Concat(rows.Select(r => r + "\n"));
}
