using Hangfire;
using Health.Core.Storage.Entities;
using Health.Core.Tracking;

namespace Health.Web.Jobs;

/// <summary>The one place recurring syncs are registered: one recurring job per tracked, unpaused repository.</summary>
internal sealed class HangfireSyncScheduler(IRecurringJobManager recurring, IBackgroundJobClient jobs) : ISyncScheduler
{
    public const string Prefix = "sync-repository-";

    public static string RecurringId(int repositoryId) => $"{Prefix}{repositoryId}";

    public void Schedule(TrackedRepository repository)
    {
        if (!repository.IsTracked || repository.Paused ||
            !Schedules.TryParseCron(repository.Cron, out _, out _) || !Schedules.TryFindTimeZone(repository.TimeZone, out var zone, out _))
        {
            Unschedule(repository.Id);
            return;
        }

        var id = repository.Id;
        recurring.AddOrUpdate<SyncJob>(RecurringId(id), j => j.RunAsync(id, CancellationToken.None), repository.Cron, new RecurringJobOptions { TimeZone = zone });
    }

    public void Unschedule(int repositoryId) => recurring.RemoveIfExists(RecurringId(repositoryId));

    public void SyncNow(int repositoryId) => jobs.Enqueue<SyncJob>(j => j.RunAsync(repositoryId, CancellationToken.None));
}
