using Health.Core.Tracking;

namespace Health.Core.Storage.Entities;

/// <summary>A repository Health collects. <see cref="Id"/> is our key; <see cref="GitHubId"/> is GitHub's.</summary>
public sealed class TrackedRepository
{
    public int Id { get; set; }

    public long GitHubId { get; set; }

    public required string Owner { get; set; }

    public required string Name { get; set; }

    /// <summary><c>owner/name</c> in lower case: the unique key a user types.</summary>
    public required string FullNameKey { get; set; }

    public DateTime AddedAt { get; set; }

    /// <summary>
    /// GitHub says the repository is private (or internal): shown only to operators and to readers GitHub lets read it
    /// (see <see cref="Tracking.RepositoryVisibility"/>).
    /// </summary>
    public bool IsPrivate { get; set; }

    /// <summary>ETag of <c>GET /repos/{o}/{r}</c>, so an unchanged repository costs a 304.</summary>
    public string? ETag { get; set; }

    /// <summary>When its recurring sync runs: a five-field cron expression, read in <see cref="TimeZone"/>.</summary>
    public string Cron { get; set; } = Schedules.DefaultCron;

    /// <summary>IANA (or Windows) id of the time zone <see cref="Cron"/> is read in.</summary>
    public string TimeZone { get; set; } = Schedules.DefaultTimeZone;

    /// <summary>Paused: kept and shown, but no recurring sync runs.</summary>
    public bool Paused { get; set; }

    /// <summary>Added by a person (the page, the CLI) or declared in configuration (<c>Health:Repositories</c>).</summary>
    public RepositorySource Source { get; set; }

    /// <summary>Set when it stopped being tracked but its collected data was kept: no sync, still measurable.</summary>
    public DateTime? RemovedAt { get; set; }

    public string FullName => $"{Owner}/{Name}";

    /// <summary>Tracked: synced on its schedule unless paused.</summary>
    public bool IsTracked => RemovedAt is null;
}

public enum RepositorySource
{
    User = 0,
    Configuration = 1,
}
