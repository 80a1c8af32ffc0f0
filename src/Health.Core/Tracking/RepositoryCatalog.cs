using Health.Core.GitHub;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Core.Tracking;

/// <summary>
/// What is tracked and when it syncs: add (checked against GitHub before anything is saved), pause, resume,
/// reschedule, sync now, remove (keeping or deleting the data), and reconcile with <c>Health:Repositories</c>.
/// Every change lands in our database first, then is mirrored to the <see cref="ISyncScheduler"/>.
/// </summary>
public sealed class RepositoryCatalog(
    IDbContextFactory<HealthDb> dbFactory,
    WriteGate writeGate,
    RepositoryTracker tracker,
    ISyncScheduler scheduler,
    IOptions<TrackingOptions> options,
    TimeProvider time)
{
    public Task<AddResult> AddAsync(string? input, CancellationToken ct) =>
        TrackTarget.TryParse(input, out var target, out var error)
            ? AddAsync(target, RepositorySource.User, ct)
            : Task.FromResult(AddResult.Failed(error));

    public async Task<AddResult> AddAsync(TrackTarget target, RepositorySource source, CancellationToken ct)
    {
        Dictionary<int, TrackedRepository> before;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var prefix = target.Owner.ToLowerInvariant() + "/";
            before = await db.Repositories.AsNoTracking()
                .Where(r => target.IsOwner ? r.FullNameKey.StartsWith(prefix) : r.FullNameKey == target.Repository!.Key)
                .ToDictionaryAsync(r => r.Id, ct);
        }

        IReadOnlyList<TrackedRepository> found;
        try
        {
            found = target.Repository is { } name
                ? [(await tracker.TrackAsync(name, ct, source)).Repository]
                : (await tracker.TrackOwnerAsync(target.Owner, ct, source)).Repositories;
        }
        catch (GitHubException e)
        {
            return AddResult.Failed(e.Message);
        }

        var added = new List<TrackedRepository>();
        var already = new List<string>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var ids = found.Select(r => r.Id).ToList();
            foreach (var repo in await db.Repositories.Where(r => ids.Contains(r.Id)).OrderBy(r => r.FullNameKey).ToListAsync(ct))
            {
                var existed = before.TryGetValue(repo.Id, out var old);
                if (old is { IsTracked: true })
                {
                    already.Add(repo.FullName);
                }
                else
                {
                    if (!existed)
                    {
                        repo.Cron = options.Value.DefaultCron;
                        repo.TimeZone = options.Value.DefaultTimeZone;
                    }

                    repo.RemovedAt = null;
                    repo.Paused = false;
                    added.Add(repo);
                }

                repo.Source = source == RepositorySource.Configuration ? source : repo.Source;
            }

            await db.SaveChangesAsync(ct);
        }

        foreach (var repo in added)
        {
            scheduler.Schedule(repo);
            scheduler.SyncNow(repo.Id);
        }

        return new AddResult([.. added.Select(r => r.FullName)], already, null);
    }

    /// <summary>Pauses or resumes the recurring sync. Returns an error, or null.</summary>
    public Task<string?> SetPausedAsync(int repositoryId, bool paused, CancellationToken ct) =>
        UpdateAsync(repositoryId, r => r.Paused = paused, ct);

    /// <summary>Changes when the repository syncs. Returns an error naming what is wrong, or null.</summary>
    public Task<string?> SetScheduleAsync(int repositoryId, string? cron, string? timeZone, CancellationToken ct) =>
        Schedules.TryValidate(cron, timeZone, out var error)
            ? UpdateAsync(repositoryId, r => (r.Cron, r.TimeZone) = (cron!.Trim(), timeZone!.Trim()), ct)
            : Task.FromResult<string?>(error);

    public async Task<string?> SyncNowAsync(int repositoryId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var repo = await db.Repositories.AsNoTracking().SingleOrDefaultAsync(r => r.Id == repositoryId, ct);
        if (repo is not { IsTracked: true })
        {
            return "That repository is not tracked.";
        }

        scheduler.SyncNow(repositoryId);
        return null;
    }

    /// <summary>
    /// Stops tracking. With <paramref name="deleteData"/> everything collected for it is deleted (refused while a sync of it runs);
    /// without, the data stays for the charts and exports and the repository can be tracked again.
    /// </summary>
    public async Task<string?> RemoveAsync(int repositoryId, bool deleteData, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var repo = await db.Repositories.SingleOrDefaultAsync(r => r.Id == repositoryId, ct);
        if (repo is null)
        {
            return "That repository is not in the database (already deleted?).";
        }

        scheduler.Unschedule(repositoryId);
        if (!deleteData)
        {
            repo.RemovedAt ??= time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var running = await db.SyncStatuses.AnyAsync(s => s.RepositoryId == repositoryId && s.LeaseOwner != null && s.LeaseUntil > now, ct);
        if (running)
        {
            repo.RemovedAt ??= now;
            await db.SaveChangesAsync(ct);
            return $"A sync of {repo.FullName} is running: it is no longer tracked, but its data can only be deleted once that sync ends. Try again in a moment.";
        }

        using (await writeGate.EnterAsync(ct))
        {
            // The foreign keys cascade: pull requests, reviews, comments, issues, cursors, status and derived facts go with it.
            await db.Repositories.Where(r => r.Id == repositoryId).ExecuteDeleteAsync(ct);
        }

        return null;
    }

    /// <summary>
    /// Makes the database agree with <c>Health:Repositories</c>: declared repositories (and every public repository of a declared
    /// <c>owner/*</c>) are tracked; repositories that came from configuration and are no longer declared stop being tracked, their data kept.
    /// Repositories added by people are never touched.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(CancellationToken ct)
    {
        var targets = options.Value.Repositories
            .Select(text => TrackTarget.TryParse(text, out var t, out _) ? t : null)
            .OfType<TrackTarget>()
            .ToList();
        var added = new List<string>();
        var errors = new List<string>();
        foreach (var target in targets)
        {
            var result = await AddAsync(target, RepositorySource.Configuration, ct);
            added.AddRange(result.Added);
            if (result.Error is not null)
            {
                errors.Add($"{target}: {result.Error}");
            }
        }

        var untracked = new List<string>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var declared = await db.Repositories
                .Where(r => r.Source == RepositorySource.Configuration && r.RemovedAt == null)
                .ToListAsync(ct);
            foreach (var repo in declared.Where(r => !targets.Any(t => t.Covers(r.FullNameKey))))
            {
                repo.RemovedAt = time.GetUtcNow().UtcDateTime;
                untracked.Add(repo.FullName);
                scheduler.Unschedule(repo.Id);
            }

            await db.SaveChangesAsync(ct);
        }

        return new ReconcileResult(added, untracked, errors);
    }

    private async Task<string?> UpdateAsync(int repositoryId, Action<TrackedRepository> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var repo = await db.Repositories.SingleOrDefaultAsync(r => r.Id == repositoryId, ct);
        if (repo is not { IsTracked: true })
        {
            return "That repository is not tracked.";
        }

        change(repo);
        await db.SaveChangesAsync(ct);
        scheduler.Schedule(repo);
        return null;
    }
}
