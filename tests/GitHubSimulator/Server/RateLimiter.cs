namespace GitHubSimulator;

/// <summary>
/// A primary rate limit: a budget of points per window that starts with the first request. REST's "core" spends one
/// point a request; GraphQL's "graphql" spends each query's cost.
/// </summary>
internal sealed class RateLimiter(string resource, Func<SimulatorOptions, int> limitOf, Func<SimulatorOptions, int?> takeForcedRemaining)
{
    private readonly Lock _gate = new();
    private DateTime _windowEnd;
    private bool _started;
    private int _used;
    private long _consumed;

    /// <summary>The <c>X-RateLimit-Resource</c> this budget answers for.</summary>
    public string Resource { get; } = resource;

    /// <summary>Points taken since the server started, over every window.</summary>
    public long Consumed => Interlocked.Read(ref _consumed);

    public static RateLimiter Core() => new("core", o => o.RateLimit, o => o.TakeForcedRemaining());

    public static RateLimiter GraphQL() => new("graphql", o => o.GraphQLRateLimit, o => o.TakeForcedGraphQLRemaining());

    public static RateLimiter InstallationCore() => new("core", o => o.InstallationRateLimit, o => o.TakeForcedRemaining());

    public static RateLimiter InstallationGraphQL() => new("graphql", o => o.InstallationGraphQLRateLimit, o => o.TakeForcedGraphQLRemaining());

    /// <summary>
    /// Takes <paramref name="points"/> when the budget allows; returns false (nothing taken) when it does not: when the
    /// points exceed what remains, or, for 0 points, when the budget is already exhausted. <paramref name="rate"/> is
    /// the state after the call.
    /// </summary>
    public bool TryConsume(SimulatorOptions options, DateTime now, int points, out RateSnapshot rate)
    {
        lock (_gate)
        {
            Roll(options, now);
            int limit = Math.Max(0, limitOf(options));
            bool allowed = points == 0 ? _used < limit : _used + points <= limit;
            if (allowed)
            {
                _used += points;
                _consumed += points;
            }

            rate = Snapshot(options);
            return allowed;
        }
    }

    public RateSnapshot Peek(SimulatorOptions options, DateTime now)
    {
        lock (_gate)
        {
            Roll(options, now);
            return Snapshot(options);
        }
    }

    /// <summary>Empties the budget until the window resets.</summary>
    public RateSnapshot Exhaust(SimulatorOptions options, DateTime now)
    {
        lock (_gate)
        {
            Roll(options, now);
            _used = Math.Max(_used, limitOf(options));
            return Snapshot(options);
        }
    }

    private void Roll(SimulatorOptions options, DateTime now)
    {
        if (!_started || now >= _windowEnd)
        {
            _started = true;
            _windowEnd = now + (options.RateLimitWindow > TimeSpan.Zero ? options.RateLimitWindow : TimeSpan.FromHours(1));
            _used = 0;
        }

        if (takeForcedRemaining(options) is int remaining)
        {
            int limit = limitOf(options);
            _used = Math.Clamp(limit - remaining, 0, Math.Max(0, limit));
        }
    }

    private RateSnapshot Snapshot(SimulatorOptions options)
    {
        int limit = Math.Max(0, limitOf(options));
        long reset = (long)Math.Ceiling((_windowEnd - DateTime.UnixEpoch).TotalSeconds);
        return new RateSnapshot(limit, Math.Max(0, limit - _used), Math.Min(_used, limit), reset, Resource);
    }
}

/// <summary>The X-RateLimit-* values of an answer.</summary>
internal readonly record struct RateSnapshot(int Limit, int Remaining, int Used, long Reset, string Resource = "core");
