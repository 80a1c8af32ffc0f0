using Health.Core.Metrics.Formulas;

namespace Health.Core.Metrics;

/// <summary>One cohort: the human accounts whose first PR (<see cref="FirstPullRequests"/>) fell in <see cref="Month"/>.</summary>
/// <param name="ActiveAfter">For each of <see cref="NewcomerCohorts.Offsets"/>, the share of the cohort that contributed anything in
/// the calendar month that many months on; null until that month has ended before the last successful sync (or the cohort is empty).</param>
public sealed record NewcomerCohortRow(string Repo, DateTime Month, int Newcomers, IReadOnlyList<double?> ActiveAfter);

/// <summary>
/// Newcomer cohorts: accounts grouped by the month of their first PR, and the share of each cohort that contributed anything
/// (a PR, review, issue or comment: an activity day) in the calendar month 1, 2, 3, 6 and 12 months later. One row a month from
/// the first cohort to now, empty months included. (Not the repository page's returning newcomers,
/// <see cref="Dashboard.ReturningNewcomers"/>: those count another authored PR, month by month.)
/// </summary>
public static class NewcomerCohorts
{
    /// <summary>How many months after the cohort's month each share looks.</summary>
    public static readonly IReadOnlyList<int> Offsets = [1, 2, 3, 6, 12];

    public static IReadOnlyList<NewcomerCohortRow> Compute(string label, MetricsFacts facts, DateTime now)
    {
        var firstPrOf = FirstPullRequests.Of(facts.PullRequests);
        if (firstPrOf.Count == 0)
        {
            return [];
        }

        var activeMonths = facts.Activity.Select(d => (d.AccountId, Month: Periods.StartOf(d.Day, PeriodKind.Month))).ToHashSet();
        var cohorts = firstPrOf.GroupBy(f => Periods.StartOf(f.Value, PeriodKind.Month)).ToDictionary(g => g.Key, g => g.Select(f => f.Key).ToList());
        return Periods.Range(cohorts.Keys.Min(), now, PeriodKind.Month).Select(month =>
        {
            var members = cohorts.GetValueOrDefault(month, []);
            var shares = Offsets.Select(offset =>
            {
                var target = month.AddMonths(offset);
                var complete = facts.LastSyncAt is { } synced && target.AddMonths(1) <= synced;
                return complete ? Rates.Ratio(members.Count(m => activeMonths.Contains((m, target))), members.Count) : null;
            }).ToList();
            return new NewcomerCohortRow(label, month, members.Count, shares);
        }).ToList();
    }
}
