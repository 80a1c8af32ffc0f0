using Health.Core.Metrics;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Dashboard;

/// <summary>The narrow reads behind the dashboard's extra figures, each bounded by the range where it can be.</summary>
internal static class DashboardQueries
{
    /// <summary>PRs created in [<paramref name="start"/>, <paramref name="end"/>), with their author's bot flag.</summary>
    public static async Task<List<PrFact>> PullRequestsAsync(HealthDb db, int repositoryId, DateTime start, DateTime end, CancellationToken ct) =>
        (await (from p in db.PullRequests.AsNoTracking()
                where p.RepositoryId == repositoryId && p.CreatedAt >= start && p.CreatedAt < end
                join a in db.Accounts on p.AuthorId equals a.Id into authors
                from a in authors.DefaultIfEmpty()
                select new { p.AuthorId, IsBot = a != null && a.IsBot, IsDeleted = a != null && a.IsDeleted, p.CreatedAt, p.ClosedAt, p.MergedAt, p.FirstResponseAt, p.FirstReviewAt })
            .ToListAsync(ct))
        .Select(p => new PrFact(p.AuthorId, p.IsBot, p.IsDeleted, p.CreatedAt, p.ClosedAt, p.MergedAt, p.FirstResponseAt, p.FirstReviewAt))
        .ToList();

    /// <summary>Issues created in [<paramref name="start"/>, <paramref name="end"/>), with their author's bot flag.</summary>
    public static async Task<List<IssueFact>> IssuesAsync(HealthDb db, int repositoryId, DateTime start, DateTime end, CancellationToken ct) =>
        (await (from i in db.Issues.AsNoTracking()
                where i.RepositoryId == repositoryId && i.CreatedAt >= start && i.CreatedAt < end
                join a in db.Accounts on i.AuthorId equals a.Id into authors
                from a in authors.DefaultIfEmpty()
                select new { IsBot = a != null && a.IsBot, i.CreatedAt, i.ClosedAt, i.State, i.FirstResponseAt })
            .ToListAsync(ct))
        .Select(i => new IssueFact(i.IsBot, i.CreatedAt, i.ClosedAt, i.State == "closed", i.FirstResponseAt))
        .ToList();

    /// <summary>
    /// Reviews submitted in [<paramref name="start"/>, <paramref name="end"/>) that count as review load: not PENDING,
    /// by an account that is neither a bot nor deleted nor the PR's author (any reviewer of a PR whose author is deleted).
    /// </summary>
    public static async Task<List<(long ReviewerId, DateTime SubmittedAt)>> ReviewsAsync(HealthDb db, int repositoryId, DateTime start, DateTime end, CancellationToken ct) =>
        (await (from r in db.Reviews.AsNoTracking()
                where r.RepositoryId == repositoryId && r.State != "PENDING" && r.SubmittedAt != null && r.SubmittedAt >= start && r.SubmittedAt < end
                join p in db.PullRequests on new { r.RepositoryId, Number = r.PullNumber } equals new { p.RepositoryId, p.Number }
                join a in db.Accounts on r.AuthorId equals a.Id
                where !a.IsBot && !a.IsDeleted && (p.AuthorId == null || p.AuthorId != r.AuthorId)
                select new { a.Id, SubmittedAt = r.SubmittedAt!.Value })
            .ToListAsync(ct))
        .Select(r => (r.Id, r.SubmittedAt))
        .ToList();

    /// <summary>Each human author's (not bot, not deleted) first PR in the repository: the earliest <c>created_at</c>.</summary>
    public static async Task<Dictionary<long, DateTime>> FirstPullRequestsAsync(HealthDb db, int repositoryId, CancellationToken ct) =>
        await HumanPullRequests(db, repositoryId)
            .GroupBy(p => p.AuthorId)
            .Select(g => new { g.Key, First = g.Min(p => p.CreatedAt) })
            .ToDictionaryAsync(g => g.Key, g => g.First, ct);

    /// <summary>Human-authored PRs created in [<paramref name="start"/>, <paramref name="end"/>), as (author, created at).</summary>
    public static async Task<List<(long AuthorId, DateTime CreatedAt)>> HumanPullRequestsAsync(HealthDb db, int repositoryId, DateTime start, DateTime end, CancellationToken ct) =>
        (await HumanPullRequests(db, repositoryId).Where(p => p.CreatedAt >= start && p.CreatedAt < end).ToListAsync(ct))
        .Select(p => (p.AuthorId, p.CreatedAt))
        .ToList();

    /// <summary>The last successful sync of the repository, if any.</summary>
    public static Task<DateTime?> LastSuccessAsync(HealthDb db, int repositoryId, CancellationToken ct) =>
        db.SyncStatuses.AsNoTracking().Where(s => s.RepositoryId == repositoryId).Select(s => s.LastSuccessAt).FirstOrDefaultAsync(ct);

    private static IQueryable<AuthoredAt> HumanPullRequests(HealthDb db, int repositoryId) =>
        from p in db.PullRequests.AsNoTracking()
        where p.RepositoryId == repositoryId && p.AuthorId != null
        join a in db.Accounts on p.AuthorId equals a.Id
        where !a.IsBot && !a.IsDeleted
        select new AuthoredAt { AuthorId = a.Id, CreatedAt = p.CreatedAt };

    /// <summary>Built with an object initializer, which EF Core can translate through a join and a grouping.</summary>
    private sealed class AuthoredAt
    {
        public long AuthorId { get; init; }

        public DateTime CreatedAt { get; init; }
    }
}
