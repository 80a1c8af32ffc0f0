using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Metrics;

/// <summary>Reads the facts of one repository or a group in three narrow queries (no row is loaded twice).</summary>
internal static class FactsLoader
{
    public static async Task<MetricsFacts> LoadAsync(HealthDb db, IReadOnlyCollection<int> repositoryIds, CancellationToken ct)
    {
        var ids = repositoryIds.ToList();
        var prs = await (
            from p in db.PullRequests.AsNoTracking()
            where ids.Contains(p.RepositoryId)
            join a in db.Accounts on p.AuthorId equals a.Id into authors
            from a in authors.DefaultIfEmpty()
            select new PrFact(p.AuthorId, a != null && a.IsBot, a != null && a.IsDeleted, p.CreatedAt, p.ClosedAt, p.MergedAt, p.FirstResponseAt, p.FirstReviewAt))
            .ToListAsync(ct);
        var issues = await (
            from i in db.Issues.AsNoTracking()
            where ids.Contains(i.RepositoryId)
            join a in db.Accounts on i.AuthorId equals a.Id into authors
            from a in authors.DefaultIfEmpty()
            select new IssueFact(a != null && a.IsBot, i.CreatedAt, i.ClosedAt, i.State == "closed", i.FirstResponseAt))
            .ToListAsync(ct);
        var activity = await (
            from d in db.ActivityDays.AsNoTracking()
            where ids.Contains(d.RepositoryId)
            join a in db.Accounts on d.AccountId equals a.Id
            where !a.IsBot && !a.IsDeleted
            select new ActivityFact(d.AccountId, d.Day))
            .ToListAsync(ct);

        var firstPr = await db.PullRequests.Where(p => ids.Contains(p.RepositoryId)).MinAsync(p => (DateTime?)p.CreatedAt, ct);
        var firstIssue = await db.Issues.Where(i => ids.Contains(i.RepositoryId)).MinAsync(i => (DateTime?)i.CreatedAt, ct);
        var statuses = await db.SyncStatuses.Where(s => ids.Contains(s.RepositoryId)).Select(s => s.LastSuccessAt).ToListAsync(ct);
        DateTime? lastSync = statuses.Count == ids.Count && statuses.All(s => s is not null) ? statuses.Min() : null;
        DateTime? first = firstPr is null ? firstIssue : firstIssue is null ? firstPr : (firstPr < firstIssue ? firstPr : firstIssue);
        return new MetricsFacts(prs, issues, activity, first, lastSync);
    }
}
