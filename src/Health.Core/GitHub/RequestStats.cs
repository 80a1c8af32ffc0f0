namespace Health.Core.GitHub;

/// <summary>What one GitHub client has spent and seen; thread-safe.</summary>
public sealed class RequestStats
{
    private int _requests;
    private int _notModified;
    private long _rateLimitResetTicks;

    public int Requests => Volatile.Read(ref _requests);

    public int NotModified => Volatile.Read(ref _notModified);

    /// <summary>The last <c>X-RateLimit-Remaining</c> seen, or -1 before any.</summary>
    public int RateLimitRemaining { get; private set; } = -1;

    public DateTime? RateLimitResetAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _rateLimitResetTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountNotModified() => Interlocked.Increment(ref _notModified);

    internal void Observe(int? remaining, DateTime? resetAt)
    {
        if (remaining is { } r)
        {
            RateLimitRemaining = r;
        }

        if (resetAt is { } reset)
        {
            Interlocked.Exchange(ref _rateLimitResetTicks, reset.Ticks);
        }
    }
}
