namespace GitHubSimulator;

/// <summary>The primary rate limit ("core"): a budget per window that starts with the first request.</summary>
internal sealed class RateLimiter
{
    private readonly Lock _gate = new();
    private DateTime _windowEnd;
    private bool _started;
    private int _used;

    /// <summary>
    /// Takes one unit when <paramref name="consume"/> and the budget allows; returns false (nothing taken) when
    /// the budget is exhausted. <paramref name="rate"/> is the state after the call.
    /// </summary>
    public bool TryConsume(SimulatorOptions options, DateTime now, bool consume, out RateSnapshot rate)
    {
        lock (_gate)
        {
            Roll(options, now);
            bool allowed = _used < Math.Max(0, options.RateLimit);
            if (allowed && consume)
            {
                _used++;
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
            _used = Math.Max(_used, options.RateLimit);
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

        if (options.TakeForcedRemaining() is int remaining)
        {
            _used = Math.Clamp(options.RateLimit - remaining, 0, Math.Max(0, options.RateLimit));
        }
    }

    private RateSnapshot Snapshot(SimulatorOptions options)
    {
        int limit = Math.Max(0, options.RateLimit);
        long reset = (long)Math.Ceiling((_windowEnd - DateTime.UnixEpoch).TotalSeconds);
        return new RateSnapshot(limit, Math.Max(0, limit - _used), Math.Min(_used, limit), reset);
    }
}

/// <summary>The X-RateLimit-* values of an answer.</summary>
internal readonly record struct RateSnapshot(int Limit, int Remaining, int Used, long Reset);
