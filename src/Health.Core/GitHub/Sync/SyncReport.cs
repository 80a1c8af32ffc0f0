namespace Health.Core.GitHub.Sync;

public enum SyncOutcome
{
    Succeeded,

    /// <summary>Another sync of the same repository was running.</summary>
    Skipped,

    /// <summary>The rate limit ran out; the checkpoint is saved, resume after <see cref="SyncReport.ResumeAfter"/>.</summary>
    RateLimited,

    Failed,

    /// <summary>The time budget given to the sync ran out; the checkpoint is saved and the next sync resumes from it.</summary>
    Incomplete,
}

/// <summary>What one sync did: counts per kind, API spending, and how it ended.</summary>
public sealed record SyncReport(
    string Repository,
    SyncOutcome Outcome,
    string? Error,
    DateTime? ResumeAfter,
    IReadOnlyDictionary<string, (int Added, int Updated)> Counts,
    int Malformed,
    int Vanished,
    int Requests,
    int NotModified,
    int? RateLimitRemaining,
    TimeSpan Duration,
    int GraphQLRequests = 0,
    int Points = 0,
    int? PointsRemaining = null);
