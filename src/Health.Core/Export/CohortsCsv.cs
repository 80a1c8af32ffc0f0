using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Export;

/// <summary>
/// Newcomer cohorts: accounts grouped by the month of their first PR, and the share of each cohort that
/// contributed anything (a PR, review, issue or comment) in the calendar month 1, 2, 3, 6 and 12 months later.
/// A share is blank until that month has ended before the last successful sync. (Not the repository page's returning
/// newcomers, <see cref="Dashboard.ReturningNewcomers"/>: those count another authored PR, month by month.)
/// </summary>
public static class CohortsCsv
{
    private static readonly int[] Offsets = [1, 2, 3, 6, 12];

    public static readonly string[] Header =
        ["repo", "cohort_month", "newcomers", .. Offsets.Select(m => $"active_after_{m}m")];

    public static async Task<int> WriteAsync(HealthDb db, IReadOnlyList<int> repositoryIds, string label, DateTime now, DateTime? lastSyncAt, TextWriter writer, bool header, CancellationToken ct)
    {
        var humans = db.Accounts.AsNoTracking().Where(a => !a.IsBot && !a.IsDeleted);
        var firstPrs = await db.PullRequests.AsNoTracking()
            .Where(p => repositoryIds.Contains(p.RepositoryId) && p.AuthorId != null)
            .Join(humans, p => p.AuthorId, a => a.Id, (p, a) => new { a.Id, p.CreatedAt })
            .GroupBy(p => p.Id)
            .Select(g => new { g.Key, First = g.Min(p => p.CreatedAt) })
            .ToListAsync(ct);
        var activeMonths = (await db.ActivityDays.AsNoTracking()
                .Where(d => repositoryIds.Contains(d.RepositoryId))
                .Join(humans, d => d.AccountId, a => a.Id, (d, a) => new { d.AccountId, d.Day })
                .ToListAsync(ct))
            .Select(d => (d.AccountId, Month: Periods.StartOf(d.Day, PeriodKind.Month)))
            .ToHashSet();

        await using var csv = CsvFormat.CreateWriter(writer);
        if (header)
        {
            CsvFormat.WriteRow(csv, Header);
        }
        if (firstPrs.Count == 0)
        {
            await csv.FlushAsync();
            return 0;
        }

        var cohorts = firstPrs.GroupBy(f => Periods.StartOf(f.First, PeriodKind.Month)).ToDictionary(g => g.Key, g => g.Select(f => f.Key).ToList());
        var months = Periods.Range(cohorts.Keys.Min(), now, PeriodKind.Month).ToList();
        foreach (var month in months)
        {
            var members = cohorts.GetValueOrDefault(month, []);
            var shares = Offsets.Select(offset =>
            {
                var target = month.AddMonths(offset);
                var complete = lastSyncAt is { } synced && target.AddMonths(1) <= synced;
                return complete
                    ? CsvNumbers.Rate(Rates.Ratio(members.Count(m => activeMonths.Contains((m, target))), members.Count))
                    : string.Empty;
            });
            CsvFormat.WriteRow(csv, [label, Periods.Label(month)[..7], CsvNumbers.Count(members.Count), .. shares]);
        }

        await csv.FlushAsync();
        return months.Count;
    }
}
