namespace Health.Core.GitHub;

/// <summary>The last answer GitHub gave this process (any sync, any repository): what <c>/health</c> reports.</summary>
public sealed class GitHubStatus(TimeProvider time)
{
    private GitHubObservation? _last;

    public GitHubObservation? Last => Volatile.Read(ref _last);

    internal void Record(int statusCode, string? problem, int? rateLimitRemaining, DateTime? rateLimitResetAt)
    {
        var previous = Last;
        Volatile.Write(ref _last, new GitHubObservation(
            time.GetUtcNow().UtcDateTime,
            statusCode,
            problem,
            rateLimitRemaining ?? previous?.RateLimitRemaining,
            rateLimitResetAt ?? previous?.RateLimitResetAt));
    }
}

/// <summary>One answer from GitHub. <see cref="StatusCode"/> is 0 when no HTTP answer came (timeout, dropped connection).</summary>
public sealed record GitHubObservation(DateTime At, int StatusCode, string? Problem, int? RateLimitRemaining, DateTime? RateLimitResetAt)
{
    public bool IsProblem => Problem is not null;
}
