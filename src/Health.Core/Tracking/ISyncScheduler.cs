using Health.Core.Storage.Entities;

namespace Health.Core.Tracking;

/// <summary>Where recurring syncs live (Hangfire in the web app). Our database stays the source of truth; this only mirrors it.</summary>
public interface ISyncScheduler
{
    /// <summary>Adds or updates the repository's recurring sync from its <see cref="TrackedRepository.Cron"/> and time zone; removes it when paused or untracked.</summary>
    void Schedule(TrackedRepository repository);

    void Unschedule(int repositoryId);

    /// <summary>Starts a sync as soon as a worker is free.</summary>
    void SyncNow(int repositoryId);
}

/// <summary>No scheduler (the CLI): tracking changes are stored and picked up when the web app starts.</summary>
internal sealed class NoSyncScheduler : ISyncScheduler
{
    public void Schedule(TrackedRepository repository)
    {
    }

    public void Unschedule(int repositoryId)
    {
    }

    public void SyncNow(int repositoryId)
    {
    }
}
