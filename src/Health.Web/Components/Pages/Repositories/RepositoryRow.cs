using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Components.Pages.Repositories;

/// <summary>One repository as the repositories page shows it: what is tracked, where its sync stands, what it holds.</summary>
public sealed record RepositoryRow(
    int Id,
    string FullName,
    bool Tracked,
    bool Paused,
    RepositorySource Source,
    string Cron,
    string TimeZone,
    RowState State,
    double? Percent,
    int ItemsSoFar,
    DateTime? LastSuccessAt,
    DateTime? NextRunAt,
    string? LastError,
    DateTime? RateLimitResetAt,
    int Requests,
    int NotModified,
    int? RateLimitRemaining,
    int GraphQLRequests,
    int Points,
    int? PointsRemaining,
    int PullRequests,
    int Issues,
    int Reviews,
    int Comments)
{
    /// <summary>Loads every repository (tracked first, then those whose data was kept), by name.</summary>
    public static async Task<List<RepositoryRow>> LoadAsync(HealthDb db, DateTime now, CancellationToken ct)
    {
        var repos = await db.Repositories.AsNoTracking().ToListAsync(ct);
        var statuses = await db.SyncStatuses.AsNoTracking().ToDictionaryAsync(s => s.RepositoryId, ct);
        var pulls = await CountAsync(db.PullRequests.Select(p => p.RepositoryId), ct);
        var issues = await CountAsync(db.Issues.Select(i => i.RepositoryId), ct);
        var reviews = await CountAsync(db.Reviews.Select(r => r.RepositoryId), ct);
        var issueComments = await CountAsync(db.IssueComments.Select(c => c.RepositoryId), ct);
        var reviewComments = await CountAsync(db.ReviewComments.Select(c => c.RepositoryId), ct);
        return repos
            .Select(r => Create(r, statuses.GetValueOrDefault(r.Id), now, pulls.GetValueOrDefault(r.Id), issues.GetValueOrDefault(r.Id),
                reviews.GetValueOrDefault(r.Id), issueComments.GetValueOrDefault(r.Id) + reviewComments.GetValueOrDefault(r.Id)))
            .OrderByDescending(r => r.Tracked)
            .ThenBy(r => r.FullName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static RepositoryRow Create(TrackedRepository r, SyncStatus? s, DateTime now, int pulls, int issues, int reviews, int comments)
    {
        var state = StateOf(s, now);
        DateTime? next = !r.IsTracked || r.Paused ? null
            : state == RowState.WaitingForRateLimit ? s!.RateLimitResetAt
            : Schedules.Next(r.Cron, r.TimeZone, now);
        return new RepositoryRow(
            r.Id, r.FullName, r.IsTracked, r.Paused, r.Source, r.Cron, r.TimeZone, state,
            s?.Percent, s?.ItemsSoFar ?? 0, s?.LastSuccessAt, next, s?.LastError, s?.RateLimitResetAt,
            s?.Requests ?? 0, s?.NotModified ?? 0, s?.RateLimitRemaining,
            s?.GraphQLRequests ?? 0, s?.Points ?? 0, s?.PointsRemaining, pulls, issues, reviews, comments);
    }

    internal static RowState StateOf(SyncStatus? s, DateTime now) => s?.State switch
    {
        null or SyncState.NeverSynced => s?.LeaseUntil > now ? RowState.Backfilling : RowState.NeverSynced,
        SyncState.Running => s.LastSuccessAt is null ? RowState.Backfilling : RowState.Syncing,
        SyncState.Idle => RowState.Idle,
        SyncState.Failed => RowState.Failed,
        SyncState.WaitingForRateLimit => RowState.WaitingForRateLimit,
        _ => RowState.NeverSynced,
    };

    private static async Task<Dictionary<int, int>> CountAsync(IQueryable<int> repositoryIds, CancellationToken ct) =>
        await repositoryIds.GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
}

public enum RowState
{
    NeverSynced,
    Backfilling,
    Syncing,
    Idle,
    Failed,
    WaitingForRateLimit,
}
