using Health.Core.Metrics.Formulas;

namespace Health.Core.Dashboard;

/// <summary>
/// Newcomer cohorts by month: a cohort is the accounts whose first authored PR in the repository was created in that
/// calendar month (UTC). Cell <c>m</c> (0 to 12) is the share of the cohort that authored another PR, created later
/// than their first one, in the calendar month <c>m</c> months after the cohort's month (0: the same month).
/// A cell is blank until its month has ended before the last successful sync, and when the cohort is empty.
/// (Not the cohorts export, <see cref="Metrics.NewcomerCohorts"/>: that counts any contribution, 1, 2, 3, 6 and 12 months on.)
/// </summary>
public static class ReturningNewcomers
{
    /// <summary>The last month offset shown: 12 months after the cohort's month.</summary>
    public const int MaxOffset = 12;

    /// <summary>Cohorts from <paramref name="firstMonth"/> to <paramref name="lastMonth"/> (month starts, UTC), one row each, empty ones included.</summary>
    /// <param name="firstPrOf">Each human author's first PR creation time.</param>
    /// <param name="prs">Human-authored PRs (author, created at); they may include the first PRs themselves.</param>
    /// <param name="lastSyncAt">The last successful sync; null leaves every cell blank.</param>
    public static IReadOnlyList<ReturningNewcomersRow> Compute(
        IReadOnlyDictionary<long, DateTime> firstPrOf,
        IEnumerable<(long AuthorId, DateTime CreatedAt)> prs,
        DateTime firstMonth,
        DateTime lastMonth,
        DateTime? lastSyncAt)
    {
        ArgumentNullException.ThrowIfNull(firstPrOf);
        ArgumentNullException.ThrowIfNull(prs);
        var months = Periods.Range(firstMonth, lastMonth, PeriodKind.Month).ToList();
        var members = months.ToDictionary(m => m, _ => 0);
        var active = new Dictionary<(DateTime Cohort, int Offset), HashSet<long>>();
        foreach (var (_, first) in firstPrOf)
        {
            var cohort = Periods.StartOf(first, PeriodKind.Month);
            if (members.TryGetValue(cohort, out var count))
            {
                members[cohort] = count + 1;
            }
        }

        foreach (var (author, createdAt) in prs)
        {
            if (!firstPrOf.TryGetValue(author, out var first) || createdAt <= first)
            {
                continue;
            }

            var cohort = Periods.StartOf(first, PeriodKind.Month);
            var offset = MonthsBetween(cohort, Periods.StartOf(createdAt, PeriodKind.Month));
            if (members.ContainsKey(cohort) && offset <= MaxOffset)
            {
                var key = (cohort, offset);
                if (!active.TryGetValue(key, out var accounts))
                {
                    active[key] = accounts = [];
                }

                accounts.Add(author);
            }
        }

        return months.Select(month => new ReturningNewcomersRow(month, members[month], [.. Enumerable.Range(0, MaxOffset + 1).Select(offset =>
        {
            var complete = lastSyncAt is { } synced && month.AddMonths(offset + 1) <= synced;
            return complete ? Rates.Ratio(active.GetValueOrDefault((month, offset))?.Count ?? 0, members[month]) : null;
        })])).ToList();
    }

    private static int MonthsBetween(DateTime from, DateTime to) => ((to.Year - from.Year) * 12) + to.Month - from.Month;
}
