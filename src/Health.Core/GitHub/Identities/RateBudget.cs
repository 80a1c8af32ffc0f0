namespace Health.Core.GitHub.Identities;

/// <summary>
/// What one identity has left of one of GitHub's budgets, from the <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c>
/// of its answers, less what it has in flight; thread-safe. Unknown (nothing seen yet, or the window has reset) counts as
/// plenty: the next answer says.
/// </summary>
internal sealed class RateBudget
{
    private readonly Lock _gate = new();
    private int? _remaining;
    private DateTime _reset;
    private int _inFlight;
    private int _cost = 1;

    /// <summary>What is left after the requests in flight, or <see cref="long.MaxValue"/> when unknown.</summary>
    public long Left(DateTime now)
    {
        lock (_gate)
        {
            return LeftUnlocked(now);
        }
    }

    /// <summary>Whether one more request fits (GraphQL: a query of the last cost seen).</summary>
    public bool CanAfford(DateTime now)
    {
        lock (_gate)
        {
            return LeftUnlocked(now) >= _cost;
        }
    }

    /// <summary>When the window in force resets, or null when nothing is known of it (or it has reset).</summary>
    public DateTime? ResetAt(DateTime now)
    {
        lock (_gate)
        {
            return _remaining is null || now >= _reset ? null : _reset;
        }
    }

    /// <summary>A request goes out on this budget.</summary>
    public void Begin()
    {
        lock (_gate)
        {
            _inFlight++;
        }
    }

    /// <summary>That request is over (answered or not).</summary>
    public void End()
    {
        lock (_gate)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
        }
    }

    /// <summary>
    /// What an answer said: a later window replaces what was known; within the same window the lower count wins, as
    /// answers may arrive out of order; an answer from a window already gone is ignored.
    /// </summary>
    public void Observe(int? remaining, DateTime? reset)
    {
        if (remaining is not { } r || reset is not { } at)
        {
            return;
        }

        lock (_gate)
        {
            if (_remaining is null || at > _reset)
            {
                _remaining = r;
                _reset = at;
            }
            else if (at == _reset)
            {
                _remaining = Math.Min(_remaining.Value, r);
            }
        }
    }

    /// <summary>GitHub said the budget is spent: nothing is left until <paramref name="until"/>.</summary>
    public void MarkSpent(DateTime until)
    {
        lock (_gate)
        {
            _remaining = 0;
            _reset = _reset > until ? _reset : until;
        }
    }

    /// <summary>The points a GraphQL query cost, kept so that one more is only sent where it fits.</summary>
    public void NoteCost(int cost)
    {
        lock (_gate)
        {
            _cost = Math.Max(1, cost);
        }
    }

    private long LeftUnlocked(DateTime now) =>
        _remaining is not { } remaining || now >= _reset ? long.MaxValue : remaining - ((long)_inFlight * _cost);
}
