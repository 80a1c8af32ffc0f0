namespace Health.Core.Storage.Entities;

/// <summary>The latest sync of one repository: what it did, where it stopped, what went wrong.</summary>
public sealed class SyncStatus
{
    public int RepositoryId { get; set; }

    public SyncState State { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public DateTime? LastSuccessAt { get; set; }

    public string? LastError { get; set; }

    public int Requests { get; set; }

    public int NotModified { get; set; }

    public int? RateLimitRemaining { get; set; }

    /// <summary>GraphQL queries of the latest sync (among <see cref="Requests"/>), and the points they cost.</summary>
    public int GraphQLRequests { get; set; }

    public int Points { get; set; }

    /// <summary>The GraphQL points left in the token's window, as the last answer said.</summary>
    public int? PointsRemaining { get; set; }

    public DateTime? RateLimitResetAt { get; set; }

    public int Added { get; set; }

    public int Updated { get; set; }

    /// <summary>Progress of a pass in progress, 0 to 100, when it can be estimated.</summary>
    public double? Percent { get; set; }

    public int ItemsSoFar { get; set; }

    /// <summary>Id of the process-wide run holding the repository (to skip a concurrent sync).</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }
}

public enum SyncState
{
    NeverSynced = 0,
    Running = 1,
    Idle = 2,
    Failed = 3,
    WaitingForRateLimit = 4,
}
