using System.Globalization;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Export;

/// <summary>One row per human contributor (bots and deleted accounts are never contributors): when, how much, and whether their first PR was followed by another within 90 days.</summary>
public static class ContributorsCsv
{
    public static readonly string[] Header =
    [
        "repo", "account_id", "login", "first_contribution_at", "last_contribution_at", "prs_authored", "reviews", "issues_opened",
        "issue_comments", "review_comments", "first_pr_month", "retained_90d",
    ];

    public static async Task<int> WriteAsync(HealthDb db, IReadOnlyList<int> repositoryIds, string label, DateTime? lastSyncAt, TextWriter writer, bool header, CancellationToken ct)
    {
        var humans = db.Accounts.AsNoTracking().Where(a => !a.IsBot && !a.IsDeleted);
        var kinds = new[]
        {
            await Totals(db.PullRequests.Where(p => repositoryIds.Contains(p.RepositoryId)).Select(p => new Contribution { AuthorId = p.AuthorId, At = p.CreatedAt }), humans, ct),
            await Totals(db.Reviews.Where(r => repositoryIds.Contains(r.RepositoryId) && r.State != "PENDING" && r.SubmittedAt != null).Select(r => new Contribution { AuthorId = r.AuthorId, At = r.SubmittedAt!.Value }), humans, ct),
            await Totals(db.Issues.Where(i => repositoryIds.Contains(i.RepositoryId)).Select(i => new Contribution { AuthorId = i.AuthorId, At = i.CreatedAt }), humans, ct),
            await Totals(db.IssueComments.Where(c => repositoryIds.Contains(c.RepositoryId)).Select(c => new Contribution { AuthorId = c.AuthorId, At = c.CreatedAt }), humans, ct),
            await Totals(db.ReviewComments.Where(c => repositoryIds.Contains(c.RepositoryId)).Select(c => new Contribution { AuthorId = c.AuthorId, At = c.CreatedAt }), humans, ct),
        };
        var prTimes = (await db.PullRequests.AsNoTracking()
                .Where(p => repositoryIds.Contains(p.RepositoryId) && p.AuthorId != null)
                .Join(humans, p => p.AuthorId, a => a.Id, (p, a) => new { a.Id, p.CreatedAt })
                .ToListAsync(ct))
            .GroupBy(p => p.Id)
            .ToDictionary(g => g.Key, g => g.Select(p => p.CreatedAt).ToList());
        var ids = kinds.SelectMany(k => k.Keys).Distinct().Order().ToList();
        var logins = await humans.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Login, ct);

        await using var csv = CsvFormat.CreateWriter(writer);
        if (header)
        {
            CsvFormat.WriteRow(csv, Header);
        }
        var written = 0;
        foreach (var id in ids)
        {
            var totals = kinds.Select(k => k.GetValueOrDefault(id)).ToList();
            var first = totals.Where(t => t.Count > 0).Min(t => t.First);
            var last = totals.Where(t => t.Count > 0).Max(t => t.Last);
            string firstPrMonth = string.Empty, retained = string.Empty;
            if (prTimes.TryGetValue(id, out var times))
            {
                var firstPr = times.Min();
                firstPrMonth = Periods.Label(Periods.StartOf(firstPr, PeriodKind.Month))[..7];
                var isRetained = Retention.IsRetained(firstPr, times);
                var settled = lastSyncAt is { } synced && synced - firstPr >= Retention.Window;
                retained = isRetained ? "true" : settled ? "false" : string.Empty;
            }

            CsvFormat.WriteRow(csv,
            [
                label, id.ToString(CultureInfo.InvariantCulture), logins.GetValueOrDefault(id, string.Empty),
                PullRequestsCsv.Time(first), PullRequestsCsv.Time(last),
                .. totals.Select(t => t.Count.ToString(CultureInfo.InvariantCulture)), firstPrMonth, retained,
            ]);
            if (++written % 100 == 0)
            {
                await csv.FlushAsync();
            }
        }

        await csv.FlushAsync();
        return ids.Count;
    }

    private static async Task<Dictionary<long, Total>> Totals(IQueryable<Contribution> contributions, IQueryable<Storage.Entities.Account> humans, CancellationToken ct) =>
        await contributions
            .Where(c => c.AuthorId != null)
            .Join(humans, c => c.AuthorId, a => a.Id, (c, a) => new { a.Id, c.At })
            .GroupBy(c => c.Id)
            .Select(g => new { g.Key, Count = g.Count(), First = g.Min(c => c.At), Last = g.Max(c => c.At) })
            .ToDictionaryAsync(g => g.Key, g => new Total(g.Count, g.First, g.Last), ct);

    /// <summary>Built with an object initializer, which EF Core can translate through a join and a grouping.</summary>
    private sealed class Contribution
    {
        public long? AuthorId { get; init; }

        public DateTime At { get; init; }
    }

    private readonly record struct Total(int Count, DateTime First, DateTime Last);
}
