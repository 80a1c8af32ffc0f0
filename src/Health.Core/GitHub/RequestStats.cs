namespace Health.Core.GitHub;

/// <summary>What one GitHub client has spent and seen, over both APIs; thread-safe.</summary>
public sealed class RequestStats
{
    private int _requests;
    private int _notModified;
    private int _graphQLRequests;
    private int _points;
    private int _lightened;
    private long _rateLimitResetTicks;
    private long _graphQLResetTicks;

    /// <summary>Every request sent, REST and GraphQL, retries included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public int NotModified => Volatile.Read(ref _notModified);

    /// <summary>The GraphQL queries among <see cref="Requests"/> that were answered.</summary>
    public int GraphQLRequests => Volatile.Read(ref _graphQLRequests);

    /// <summary>GraphQL points spent: the sum of the <c>rateLimit.cost</c> of every answered query.</summary>
    public int Points => Volatile.Read(ref _points);

    /// <summary>How often a query too heavy for GitHub was asked again for less.</summary>
    public int Lightened => Volatile.Read(ref _lightened);

    /// <summary>The last <c>X-RateLimit-Remaining</c> of REST's core budget seen, or -1 before any.</summary>
    public int RateLimitRemaining { get; private set; } = -1;

    /// <summary>The GraphQL points left in the window, or -1 before any answer said.</summary>
    public int GraphQLRemaining { get; private set; } = -1;

    public DateTime? RateLimitResetAt => FromTicks(Interlocked.Read(ref _rateLimitResetTicks));

    public DateTime? GraphQLResetAt => FromTicks(Interlocked.Read(ref _graphQLResetTicks));

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountNotModified() => Interlocked.Increment(ref _notModified);

    internal void CountLightened() => Interlocked.Increment(ref _lightened);

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

    /// <summary>An answered GraphQL query (with its cost), or the GraphQL budget seen in headers (cost null).</summary>
    internal void ObserveGraphQL(int? cost, int? remaining, DateTime? resetAt)
    {
        if (cost is { } c)
        {
            Interlocked.Increment(ref _graphQLRequests);
            Interlocked.Add(ref _points, c);
        }

        if (remaining is { } r)
        {
            GraphQLRemaining = r;
        }

        if (resetAt is { } reset)
        {
            Interlocked.Exchange(ref _graphQLResetTicks, reset.Ticks);
        }
    }

    private static DateTime? FromTicks(long ticks) => ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
}
