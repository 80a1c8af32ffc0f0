namespace GitHubSimulator;

/// <summary>What a fault does to the request it hits.</summary>
public enum FaultKind
{
    BadGateway502,
    ServiceUnavailable503,
    InternalError500,

    /// <summary>403 with Retry-After and the secondary-rate-limit message.</summary>
    SecondaryRateLimit403,

    /// <summary>429 with Retry-After.</summary>
    TooManyRequests429,

    /// <summary>
    /// Empties the primary budget: 403 "API rate limit exceeded" until the window resets (on the GraphQL path: the
    /// GraphQL budget, so queries answer RATE_LIMITED).
    /// </summary>
    PrimaryRateLimitExhausted,

    /// <summary>Waits <see cref="FaultRule.Delay"/> and then answers normally (the client will have given up).</summary>
    Timeout,

    /// <summary>Aborts the connection without an answer.</summary>
    DropConnection,

    /// <summary>A 200 whose JSON is cut in half, with a Content-Length that matches the cut body.</summary>
    TruncatedBody,

    NotFound404,

    /// <summary>
    /// GraphQL only (REST answers normally): a 200 with real data in which the first nested connection resolved (e.g. the
    /// first pull request's <c>labels</c> or <c>reviews</c>) is null, plus an error with its path and type
    /// SERVICE_UNAVAILABLE, as GitHub answers when one field's resolver fails.
    /// </summary>
    PartialData,
}

/// <summary>
/// A fault that hits requests whose path and query contain <see cref="PathContains"/> (any request when null):
/// the first <see cref="SkipFirst"/> matches pass, then each match fires with <see cref="Probability"/>
/// (a <see cref="Random"/> seeded with <see cref="Seed"/>) until it has fired <see cref="MaxCount"/> times.
/// </summary>
public sealed record FaultRule(
    FaultKind Kind,
    double Probability = 1.0,
    string? PathContains = null,
    int MaxCount = int.MaxValue,
    int SkipFirst = 0,
    int Seed = 1)
{
    /// <summary>The Retry-After of 403 secondary and 429 answers, in seconds.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>How long a <see cref="FaultKind.Timeout"/> holds the request.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>The faults to inject, evaluated in the order added; the first rule that fires wins. Thread-safe.</summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<RuleState> _rules = [];
    private volatile int _count;
    private int _fired;

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            _rules.Add(new RuleState(rule));
            _count = _rules.Count;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _count = 0;
        }
    }

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return _rules.Select(r => r.Rule).ToArray();
            }
        }
    }

    /// <summary>How many faults have fired since the plan was created.</summary>
    public int Fired => Volatile.Read(ref _fired);

    /// <summary>How many times <paramref name="rule"/> has fired (0 when it is not in the plan).</summary>
    public int FiredCount(FaultRule rule)
    {
        lock (_gate)
        {
            return _rules.Where(r => ReferenceEquals(r.Rule, rule)).Sum(r => r.Fired);
        }
    }

    /// <summary>The rule that fires on this request, if any.</summary>
    internal FaultRule? Next(string pathAndQuery)
    {
        if (_count == 0)
        {
            return null;
        }

        lock (_gate)
        {
            foreach (RuleState state in _rules)
            {
                FaultRule rule = state.Rule;
                if (rule.PathContains is not null && !pathAndQuery.Contains(rule.PathContains, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                state.Matches++;
                if (state.Matches <= rule.SkipFirst || state.Fired >= rule.MaxCount)
                {
                    continue;
                }

                if (rule.Probability >= 1.0 || state.Random.NextDouble() < rule.Probability)
                {
                    state.Fired++;
                    _fired++;
                    return rule;
                }
            }
        }

        return null;
    }

    private sealed class RuleState(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;
        public Random Random { get; } = new(rule.Seed);
        public int Matches { get; set; }
        public int Fired { get; set; }
    }
}
