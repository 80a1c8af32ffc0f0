using Health.Core.Metrics.Formulas;

namespace Health.Core.Metrics;

/// <summary>
/// The intake figures of METRICS.md ("Intake and maintainer load"), period by period, from the same facts as the metrics
/// (each PR's origin inputs, responses and first response are derived after each sync). Pure: no database, no clock.
/// </summary>
public static class IntakeCalculator
{
    /// <summary>
    /// Rows for the same periods as <see cref="MetricsCalculator.Compute"/>: from the first activity to <paramref name="now"/>,
    /// or those overlapping [<paramref name="from"/>, <paramref name="to"/>]. <paramref name="target"/> is the first-response promise.
    /// </summary>
    public static IReadOnlyList<IntakeRow> Compute(string label, MetricsFacts facts, PeriodKind kind, DateTime now, TimeSpan target, DateOnly? from = null, DateOnly? to = null)
    {
        if (PeriodIndex.Covering(facts.FirstActivity, kind, now, from, to) is not { } periods)
        {
            return [];
        }

        var n = periods.Count;
        var opened = PrOrigins.Columns.ToDictionary(o => o, _ => new int[n]);
        var merged = PrOrigins.Columns.ToDictionary(o => o, _ => new int[n]);
        var finished = PrOrigins.Columns.ToDictionary(o => o, _ => new int[n]);
        var onFinished = new int[n];
        var onUnmerged = new int[n];
        var met = new int[n];
        var decided = new int[n];
        var mergeHours = PrSizes.All.ToDictionary(z => z, _ => Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray());
        var firstPrOf = FirstPullRequests.Of(facts.PullRequests);
        foreach (var p in facts.PullRequests)
        {
            var origin = PrOrigins.Of(p, firstPrOf);
            var createdIn = periods.Inside(p.CreatedAt);
            if (origin is { } o && createdIn is { } c)
            {
                opened[o][c]++;
            }

            // Finished PRs of any origin (bots' included; a deleted author's PR has none, METRICS.md's rule 3).
            var finishedIn = p.MergedAt is null ? periods.Inside(p.ClosedAt) : periods.Inside(p.MergedAt);
            if (finishedIn is { } d && origin is { } fo)
            {
                onFinished[d] += p.Responses;
                onUnmerged[d] += p.MergedAt is null ? p.Responses : 0;
                finished[fo][d]++;
                merged[fo][d] += p.MergedAt is null ? 0 : 1;
            }

            if (!p.AuthorIsBot && p.MergedAt is { } mergedAt && p.Size is { } size && periods.Inside(mergedAt) is { } mergedIn)
            {
                mergeHours[PrSizes.Of(size)][mergedIn].Add(Hours.Waited(p.CreatedAt, mergedAt));
            }

            if (!p.AuthorIsBot && createdIn is { } targetPeriod)
            {
                var inTime = p.FirstResponseAt is { } response && response - p.CreatedAt <= target;
                met[targetPeriod] += inTime ? 1 : 0;
                decided[targetPeriod] += inTime || (facts.LastSyncAt is { } synced && p.CreatedAt + target <= synced) ? 1 : 0;
            }
        }

        var rows = new List<IntakeRow>(n);
        for (var i = 0; i < n; i++)
        {
            rows.Add(new IntakeRow(
                label,
                periods.Start(i),
                PrOrigins.Columns.ToDictionary(o => o, o => opened[o][i]),
                PrOrigins.Columns.ToDictionary(o => o, o => Rates.Ratio(merged[o][i], finished[o][i])),
                onFinished[i],
                onUnmerged[i],
                Rates.Ratio(onUnmerged[i], onFinished[i]),
                met[i],
                decided[i],
                Rates.Ratio(met[i], decided[i]),
                PrSizes.All.ToDictionary(z => z, z => Median(mergeHours[z][i]))));
        }

        return rows;
    }

    private static double? Median(List<double> hours)
    {
        hours.Sort();
        return Percentiles.Median(hours);
    }
}
