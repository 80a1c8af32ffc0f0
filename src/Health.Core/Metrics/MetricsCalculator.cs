using Health.Core.Metrics.Formulas;

namespace Health.Core.Metrics;

/// <summary>
/// METRICS.md, period by period, from facts already reduced by the database (first responses and activity days
/// are derived after each sync): one pass to bucket, then the formulas. Pure: no database, no clock.
/// </summary>
public static class MetricsCalculator
{
    /// <summary>
    /// Rows for every period from the first activity to <paramref name="now"/>, or for the periods overlapping
    /// [<paramref name="from"/>, <paramref name="to"/>] (whole UTC days) when given. No activity and no range: no rows.
    /// </summary>
    public static IReadOnlyList<MetricsRow> Compute(string label, MetricsFacts facts, PeriodKind kind, DateTime now, DateOnly? from = null, DateOnly? to = null)
    {
        DateTime? first = from is { } f ? f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : facts.FirstActivity;
        var last = to is { } t ? t.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : now;
        if (first is null)
        {
            return [];
        }

        var starts = Periods.Range(first.Value, last, kind).ToList();
        if (starts.Count == 0)
        {
            return [];
        }

        var humanPrs = facts.PullRequests.Where(p => !p.AuthorIsBot).ToList();
        var firstPrOf = FirstPullRequests(humanPrs);
        var newcomerRetained = RetainedNewcomers(humanPrs, firstPrOf);
        var firstActivityOf = new Dictionary<long, DateTime>();
        foreach (var a in facts.Activity)
        {
            if (!firstActivityOf.TryGetValue(a.AccountId, out var day) || a.Day < day)
            {
                firstActivityOf[a.AccountId] = a.Day;
            }
        }

        var rows = new List<MetricsRow>(starts.Count);
        foreach (var start in starts)
        {
            var end = Periods.Next(start, kind);
            bool In(DateTime? at) => at >= start && at < end;

            var opened = humanPrs.Where(p => In(p.CreatedAt)).ToList();
            var merged = humanPrs.Where(p => In(p.MergedAt)).ToList();
            var closedUnmerged = humanPrs.Where(p => p.MergedAt is null && In(p.ClosedAt)).ToList();
            var firstResponses = opened.Where(p => p.FirstResponseAt is not null).Select(p => HoursAfter(p.CreatedAt, p.FirstResponseAt!.Value)).Order().ToList();
            var firstReviews = opened.Where(p => p.FirstReviewAt is not null).Select(p => HoursAfter(p.CreatedAt, p.FirstReviewAt!.Value)).Order().ToList();
            var mergeHours = merged.Select(p => HoursAfter(p.CreatedAt, p.MergedAt!.Value)).Order().ToList();

            var humanIssues = facts.Issues.Where(i => !i.AuthorIsBot).ToList();
            var issuesOpened = humanIssues.Where(i => In(i.CreatedAt)).ToList();
            var issuesClosed = humanIssues.Where(i => i.IsClosed && In(i.ClosedAt)).ToList();

            var newcomers = firstPrOf.Where(kv => In(kv.Value)).Select(kv => kv.Key).ToList();
            var retained = newcomers.Count(newcomerRetained.Contains);
            var retentionFinal = facts.LastSyncAt is { } synced && Retention.RetentionIsFinal(end, synced);

            var closedFirstPrs = merged.Concat(closedUnmerged)
                .Where(p => p.AuthorId is { } a && !p.AuthorIsDeleted && firstPrOf.TryGetValue(a, out var firstAt) && firstAt == p.CreatedAt)
                .ToList();

            rows.Add(new MetricsRow(
                label,
                start,
                opened.Count,
                merged.Count,
                closedUnmerged.Count,
                Rates.Ratio(merged.Count, merged.Count + closedUnmerged.Count),
                humanPrs.Count(p => p.CreatedAt < end && (p.ClosedAt is null || p.ClosedAt >= end)),
                Percentiles.Median(firstResponses),
                Percentiles.P90(firstResponses),
                opened.Count(p => p.FirstResponseAt is null),
                Percentiles.Median(firstReviews),
                Percentiles.Median(mergeHours),
                Percentiles.P90(mergeHours),
                issuesOpened.Count,
                issuesClosed.Count,
                Percentiles.Median(issuesOpened.Where(i => i.FirstResponseAt is not null).Select(i => HoursAfter(i.CreatedAt, i.FirstResponseAt!.Value)).Order().ToList()),
                Percentiles.Median(issuesClosed.Select(i => HoursAfter(i.CreatedAt, i.ClosedAt!.Value)).Order().ToList()),
                facts.Activity.Where(a => In(a.Day)).Select(a => a.AccountId).Distinct().Count(),
                firstActivityOf.Count(kv => In(kv.Value)),
                newcomers.Count,
                retained,
                retentionFinal ? Rates.Ratio(retained, newcomers.Count) : null,
                Rates.Ratio(closedFirstPrs.Count(p => p.MergedAt is not null && In(p.MergedAt)), closedFirstPrs.Count),
                BusFactor.Compute(merged.Where(p => p.AuthorId is not null && !p.AuthorIsDeleted).Select(p => p.AuthorId!.Value))));
        }

        return rows;
    }

    /// <summary>Each human author's earliest PR.</summary>
    private static Dictionary<long, DateTime> FirstPullRequests(List<PrFact> humanPrs)
    {
        var first = new Dictionary<long, DateTime>();
        foreach (var p in humanPrs)
        {
            if (p.AuthorId is { } a && !p.AuthorIsDeleted && (!first.TryGetValue(a, out var at) || p.CreatedAt < at))
            {
                first[a] = p.CreatedAt;
            }
        }

        return first;
    }

    /// <summary>Authors who opened another PR later than their first and within 90 days of it.</summary>
    private static HashSet<long> RetainedNewcomers(List<PrFact> humanPrs, Dictionary<long, DateTime> firstPrOf) =>
        humanPrs
            .Where(p => p.AuthorId is { } a && !p.AuthorIsDeleted)
            .GroupBy(p => p.AuthorId!.Value)
            .Where(g => Retention.IsRetained(firstPrOf[g.Key], g.Select(p => p.CreatedAt)))
            .Select(g => g.Key)
            .ToHashSet();

    /// <summary>Hours from <paramref name="from"/>; an answer stamped before the question counts as immediate.</summary>
    private static double HoursAfter(DateTime from, DateTime to) => Math.Max(0, Hours.Between(from, to));
}
