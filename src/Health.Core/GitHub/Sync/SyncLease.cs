using System.Diagnostics;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// At most one sync of a repository at a time, across threads, Hangfire workers and processes sharing the database:
/// a lease row with an owner and an expiry, renewed every quarter of <paramref name="duration"/> while the sync runs.
/// A lease held by a dead process on this machine is taken over at once (a killed sync must not block its rerun); one
/// held by a process killed on another machine lapses <paramref name="duration"/> after its last renewal.
/// </summary>
internal sealed class SyncLease(IDbContextFactory<HealthDb> dbFactory, TimeProvider time, int repositoryId, TimeSpan duration) : IAsyncDisposable
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly CancellationTokenSource _stop = new();
    private Task? _renewal;

    /// <summary>Holder of the lease when it could not be taken.</summary>
    public string? HeldBy { get; private set; }

    public async Task<bool> TryAcquireAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var status = await db.SyncStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.RepositoryId == repositoryId, ct);
        if (status is null)
        {
            db.SyncStatuses.Add(new SyncStatus { RepositoryId = repositoryId, State = SyncState.NeverSynced });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another sync created it first; the conditional update below decides.
            }
        }

        var observed = status?.LeaseOwner;
        var free = observed is null || status!.LeaseUntil < now || IsDeadLocalOwner(observed);
        if (!free)
        {
            HeldBy = observed;
            return false;
        }

        var taken = await db.SyncStatuses
            .Where(s => s.RepositoryId == repositoryId && s.LeaseOwner == observed)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseOwner, _owner).SetProperty(s => s.LeaseUntil, now + duration), ct);
        if (taken == 1)
        {
            _renewal = RenewAsync(_stop.Token);
            return true;
        }

        HeldBy = "another sync that started at the same moment";
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_renewal is not null)
        {
            await _renewal;
            await using var db = await dbFactory.CreateDbContextAsync();
            await db.SyncStatuses
                .Where(s => s.RepositoryId == repositoryId && s.LeaseOwner == _owner)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseOwner, (string?)null).SetProperty(s => s.LeaseUntil, (DateTime?)null));
        }

        _stop.Dispose();
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task RenewAsync(CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(duration / 4, time);
            while (await timer.WaitForNextTickAsync(ct))
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await db.SyncStatuses
                    .Where(s => s.RepositoryId == repositoryId && s.LeaseOwner == _owner)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.LeaseUntil, Now + duration), ct);
            }
        }
        catch (OperationCanceledException)
        {
            // Released.
        }
    }

    private static bool IsDeadLocalOwner(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid) || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}

/// <summary>
/// How long a sync lease lasts without renewal. The app sets it from <c>Jobs:InvisibilityTimeout</c> (the job's invisibility
/// and the lease then lapse on the same clock: a killed worker's lease has expired when Hangfire hands its job to another);
/// the default is what the default invisibility gives.
/// </summary>
public sealed class SyncLeaseOptions
{
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(150);
}
