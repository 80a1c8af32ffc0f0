using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Tracking;

/// <summary>
/// Starts tracking repositories: one found on GitHub (a request only when it is new), or every public repository of an
/// organisation or user (one listing). A repository tracked here is then synced by <see cref="RepositorySync"/>.
/// </summary>
public sealed class RepositoryTracker(IDbContextFactory<HealthDb> dbFactory, RepositorySync sync, TimeProvider time, Metrics.DerivedFacts derived)
{
    /// <summary>
    /// Finds or adds the repository, asking GitHub (one request, counted in <see cref="Tracked.Requests"/>) only when it is new.
    /// Throws <see cref="GitHubException"/> when GitHub does not know it; nothing is written then.
    /// </summary>
    public async Task<Tracked> TrackAsync(RepositoryName name, CancellationToken ct, RepositorySource source = RepositorySource.User)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await db.Repositories.SingleOrDefaultAsync(r => r.FullNameKey == name.Key, ct);
        if (known is not null)
        {
            return new Tracked(known, 0);
        }

        var api = sync.NewApi(name.Owner);
        var (dto, etag) = await api.GetRepositoryAsync(name, null, ct);
        var repo = await db.Repositories.SingleOrDefaultAsync(r => r.GitHubId == dto!.Id, ct);
        if (repo is null)
        {
            repo = new TrackedRepository { Owner = name.Owner, Name = name.Name, FullNameKey = name.Key, AddedAt = time.GetUtcNow().UtcDateTime, Source = source };
            db.Repositories.Add(repo);
        }

        RepositorySync.Apply(repo, dto!, etag);
        await db.SaveChangesAsync(ct);
        await StartDerivedStatesAsync(db, [repo], ct);
        return new Tracked(repo, api.Stats.Requests);
    }

    /// <summary>
    /// The public repositories of an organisation or user, each found or added (one listing, no request per repository).
    /// Throws <see cref="GitHubException"/> when GitHub knows no such owner; nothing is written then.
    /// </summary>
    public async Task<TrackedOwner> TrackOwnerAsync(string owner, CancellationToken ct, RepositorySource source = RepositorySource.User)
    {
        var api = sync.NewApi(owner);
        var listed = await api.ListPublicRepositoriesAsync(owner, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var result = new List<TrackedRepository>();
        foreach (var dto in listed.Where(r => !r.Private && r.Id > 0))
        {
            if (!RepositoryName.TryParse(dto.FullName, out var name, out _))
            {
                continue;
            }

            var repo = await db.Repositories.SingleOrDefaultAsync(r => r.GitHubId == dto.Id || r.FullNameKey == name.Key, ct);
            if (repo is null)
            {
                repo = new TrackedRepository { Owner = name.Owner, Name = name.Name, FullNameKey = name.Key, AddedAt = time.GetUtcNow().UtcDateTime, Source = source };
                db.Repositories.Add(repo);
                RepositorySync.Apply(repo, dto, null);
            }

            result.Add(repo);
        }

        await db.SaveChangesAsync(ct);
        await StartDerivedStatesAsync(db, result, ct);
        return new TrackedOwner(result, api.Stats.Requests);
    }

    /// <summary>
    /// A repository tracked just now has no data: every page a sync commits derives its own facts, so its facts are whole from the
    /// start (a repository tracked before this was recorded gets one whole derivation).
    /// </summary>
    private async Task StartDerivedStatesAsync(HealthDb db, IReadOnlyList<TrackedRepository> repositories, CancellationToken ct)
    {
        var ids = repositories.Select(r => r.Id).ToList();
        var known = await db.DerivedStates.Where(d => ids.Contains(d.RepositoryId)).Select(d => d.RepositoryId).ToListAsync(ct);
        var withData = await db.PullRequests.Where(p => ids.Contains(p.RepositoryId)).Select(p => p.RepositoryId)
            .Union(db.Issues.Where(i => ids.Contains(i.RepositoryId)).Select(i => i.RepositoryId))
            .Distinct().ToListAsync(ct);
        await derived.StartStatesAsync(db, ids.Except(known).Except(withData), ct);
    }

    /// <summary>A tracked repository, and the GitHub requests it took to find it.</summary>
    public sealed record Tracked(TrackedRepository Repository, int Requests);

    /// <summary>The public repositories of an owner, found or added, and the GitHub requests the listing took.</summary>
    public sealed record TrackedOwner(IReadOnlyList<TrackedRepository> Repositories, int Requests);
}
