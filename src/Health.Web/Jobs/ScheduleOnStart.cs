using Hangfire;
using Hangfire.Storage;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Core.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Jobs;

/// <summary>
/// At start of a <c>web</c> process, rebuilds the recurring syncs from our database (the job storage may have been wiped or
/// swapped), removes recurring syncs of repositories no longer tracked, and queues the reconciliation with <c>Health:Repositories</c>.
/// </summary>
internal sealed class ScheduleOnStart(
    IDbContextFactory<HealthDb> dbFactory,
    ISyncScheduler scheduler,
    JobStorage storage,
    IRecurringJobManager recurring,
    IBackgroundJobClient jobs,
    IOptions<TrackingOptions> tracking) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The job storage's recurring syncs are listed before our database is read: one that another process (a second web)
        // adds meanwhile was added after its repository was saved, so it is never taken for stale.
        List<string> existing;
        using (var connection = storage.GetConnection())
        {
            existing = connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(HangfireSyncScheduler.Prefix, StringComparison.Ordinal)).ToList();
        }

        List<TrackedRepository> repositories;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            repositories = await db.Repositories.AsNoTracking().ToListAsync(cancellationToken);
        }

        foreach (var repository in repositories)
        {
            scheduler.Schedule(repository);
        }

        var wanted = repositories.Where(r => r.IsTracked && !r.Paused).Select(r => HangfireSyncScheduler.RecurringId(r.Id)).ToHashSet();
        foreach (var stale in existing.Where(id => !wanted.Contains(id)))
        {
            recurring.RemoveIfExists(stale);
        }

        if (tracking.Value.Repositories.Count > 0 || repositories.Any(r => r.Source == RepositorySource.Configuration && r.IsTracked))
        {
            jobs.Enqueue<ReconcileJob>(j => j.RunAsync(CancellationToken.None));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
