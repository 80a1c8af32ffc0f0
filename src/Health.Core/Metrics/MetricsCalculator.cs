using Health.Core.Metrics.Formulas;

namespace Health.Core.Metrics;

/// <summary>
/// METRICS.md, period by period, from facts already reduced by the database (first responses and activity days
/// are derived after each sync). One pass over the facts puts each into its periods' accumulators; the formulas
/// then run per period. Pure: no database, no clock.
/// </summary>
public static class MetricsCalculator
{
    /// <summary>
    /// Rows for every period from the first activity to <paramref name="now"/>, or for the periods overlapping
    /// [<paramref name="from"/>, <paramref name="to"/>] (whole UTC days) when given. No activity and no range: no rows.
    /// </summary>
    public static IReadOnlyList<MetricsRow> Compute(string label, MetricsFacts facts, PeriodKind kind, DateTime now, DateOnly? from = null, DateOnly? to = null)
    {
        if (PeriodIndex.Covering(facts.FirstActivity, kind, now, from, to) is not { } periods)
        {
            return [];
        }

        var a = new Accumulators(periods.Count);
        var humanPrs = facts.PullRequests.Where(p => !p.AuthorIsBot).ToList();
        var firstPrOf = Metrics.FirstPullRequests.Of(humanPrs);
        AddPullRequests(a, periods, humanPrs, firstPrOf);
        AddNewcomers(a, periods, humanPrs, firstPrOf);
        AddIssues(a, periods, facts.Issues.Where(i => !i.AuthorIsBot));
        AddActivity(a, periods, facts.Activity);

        var rows = new List<MetricsRow>(periods.Count);
        for (var i = 0; i < periods.Count; i++)
        {
            var retentionFinal = facts.LastSyncAt is { } synced && Retention.RetentionIsFinal(periods.End(i), synced);
            a.FirstResponses[i].Sort();
            a.FirstReviews[i].Sort();
            a.MergeHours[i].Sort();
            a.IssueResponses[i].Sort();
            a.IssueCloses[i].Sort();
            rows.Add(new MetricsRow(
                label,
                periods.Start(i),
                a.Opened[i],
                a.Merged[i],
                a.ClosedUnmerged[i],
                Rates.Ratio(a.Merged[i], a.Merged[i] + a.ClosedUnmerged[i]),
                a.OpenAtEnd[i],
                Percentiles.Median(a.FirstResponses[i]),
                Percentiles.P90(a.FirstResponses[i]),
                a.Unanswered[i],
                Percentiles.Median(a.FirstReviews[i]),
                Percentiles.Median(a.MergeHours[i]),
                Percentiles.P90(a.MergeHours[i]),
                a.IssuesOpened[i],
                a.IssuesClosed[i],
                Percentiles.Median(a.IssueResponses[i]),
                Percentiles.Median(a.IssueCloses[i]),
                a.Active[i].Count,
                a.NewContributors[i],
                a.Newcomers[i],
                a.Retained[i],
                retentionFinal ? Rates.Ratio(a.Retained[i], a.Newcomers[i]) : null,
                Rates.Ratio(a.FirstPrsMerged[i], a.FirstPrsClosed[i]),
                BusFactor.Compute(a.MergedAuthors[i])));
        }

        return rows;
    }

    private static void AddPullRequests(Accumulators a, PeriodIndex periods, List<PrFact> prs, Dictionary<long, DateTime> firstPrOf)
    {
        var openDelta = new int[periods.Count + 1];
        foreach (var p in prs)
        {
            if (periods.Inside(p.CreatedAt) is { } opened)
            {
                a.Opened[opened]++;
                if (p.FirstResponseAt is { } response)
                {
                    a.FirstResponses[opened].Add(Hours.Waited(p.CreatedAt, response));
                }
                else
                {
                    a.Unanswered[opened]++;
                }

                if (p.FirstReviewAt is { } review)
                {
                    a.FirstReviews[opened].Add(Hours.Waited(p.CreatedAt, review));
                }
            }

            var isFirstPr = p.AuthorId is { } author && !p.AuthorIsDeleted && firstPrOf.TryGetValue(author, out var firstAt) && firstAt == p.CreatedAt;
            var closedIn = p.MergedAt is null ? periods.Inside(p.ClosedAt) : periods.Inside(p.MergedAt);
            if (p.MergedAt is { } mergedAt && closedIn is { } merged)
            {
                a.Merged[merged]++;
                a.MergeHours[merged].Add(Hours.Waited(p.CreatedAt, mergedAt));
                if (p.AuthorId is { } mergedAuthor && !p.AuthorIsDeleted)
                {
                    a.MergedAuthors[merged].Add(mergedAuthor);
                }
            }
            else if (p.MergedAt is null && closedIn is { } closed)
            {
                a.ClosedUnmerged[closed]++;
            }

            if (isFirstPr && closedIn is { } firstClosed)
            {
                a.FirstPrsClosed[firstClosed]++;
                a.FirstPrsMerged[firstClosed] += p.MergedAt is null ? 0 : 1;
            }

            // Open at a period's end: created before the end, and not closed before it.
            var from = Math.Max(0, periods.Of(p.CreatedAt));
            var until = p.ClosedAt is { } closedAt ? Math.Min(periods.Count, periods.Of(closedAt)) : periods.Count;
            if (from < until)
            {
                openDelta[from]++;
                openDelta[until]--;
            }
        }

        for (int i = 0, open = 0; i < periods.Count; i++)
        {
            open += openDelta[i];
            a.OpenAtEnd[i] = open;
        }
    }

    private static void AddNewcomers(Accumulators a, PeriodIndex periods, List<PrFact> prs, Dictionary<long, DateTime> firstPrOf)
    {
        var retained = prs
            .Where(p => p.AuthorId is not null && !p.AuthorIsDeleted)
            .GroupBy(p => p.AuthorId!.Value)
            .Where(g => Retention.IsRetained(firstPrOf[g.Key], g.Select(p => p.CreatedAt)))
            .Select(g => g.Key)
            .ToHashSet();
        foreach (var (account, firstAt) in firstPrOf)
        {
            if (periods.Inside(firstAt) is { } i)
            {
                a.Newcomers[i]++;
                a.Retained[i] += retained.Contains(account) ? 1 : 0;
            }
        }
    }

    private static void AddIssues(Accumulators a, PeriodIndex periods, IEnumerable<IssueFact> issues)
    {
        foreach (var issue in issues)
        {
            if (periods.Inside(issue.CreatedAt) is { } opened)
            {
                a.IssuesOpened[opened]++;
                if (issue.FirstResponseAt is { } response)
                {
                    a.IssueResponses[opened].Add(Hours.Waited(issue.CreatedAt, response));
                }
            }

            if (issue.IsClosed && issue.ClosedAt is { } closedAt && periods.Inside(closedAt) is { } closed)
            {
                a.IssuesClosed[closed]++;
                a.IssueCloses[closed].Add(Hours.Waited(issue.CreatedAt, closedAt));
            }
        }
    }

    private static void AddActivity(Accumulators a, PeriodIndex periods, IReadOnlyList<ActivityFact> activity)
    {
        var firstDay = new Dictionary<long, DateTime>();
        foreach (var day in activity)
        {
            if (periods.Inside(day.Day) is { } i)
            {
                a.Active[i].Add(day.AccountId);
            }

            if (!firstDay.TryGetValue(day.AccountId, out var known) || day.Day < known)
            {
                firstDay[day.AccountId] = day.Day;
            }
        }

        foreach (var day in firstDay.Values)
        {
            if (periods.Inside(day) is { } i)
            {
                a.NewContributors[i]++;
            }
        }
    }

    /// <summary>Per-period running figures, one slot a period.</summary>
    private sealed class Accumulators(int n)
    {
        public int[] Opened { get; } = new int[n];

        public int[] Merged { get; } = new int[n];

        public int[] ClosedUnmerged { get; } = new int[n];

        public int[] OpenAtEnd { get; } = new int[n];

        public int[] Unanswered { get; } = new int[n];

        public List<double>[] FirstResponses { get; } = Lists<double>(n);

        public List<double>[] FirstReviews { get; } = Lists<double>(n);

        public List<double>[] MergeHours { get; } = Lists<double>(n);

        public List<long>[] MergedAuthors { get; } = Lists<long>(n);

        public int[] IssuesOpened { get; } = new int[n];

        public int[] IssuesClosed { get; } = new int[n];

        public List<double>[] IssueResponses { get; } = Lists<double>(n);

        public List<double>[] IssueCloses { get; } = Lists<double>(n);

        public HashSet<long>[] Active { get; } = [.. Enumerable.Range(0, n).Select(_ => new HashSet<long>())];

        public int[] NewContributors { get; } = new int[n];

        public int[] Newcomers { get; } = new int[n];

        public int[] Retained { get; } = new int[n];

        public int[] FirstPrsClosed { get; } = new int[n];

        public int[] FirstPrsMerged { get; } = new int[n];

        private static List<T>[] Lists<T>(int count) => [.. Enumerable.Range(0, count).Select(_ => new List<T>())];
    }
}
