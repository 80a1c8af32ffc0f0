namespace GitHubSimulator;

/// <summary>
/// How the server behaves. <see cref="Port"/> and <see cref="PathPrefix"/> are read at start; everything else may
/// be changed while it runs and applies to the next request.
/// </summary>
public sealed class SimulatorOptions
{
    private const long NoForcedRemaining = long.MinValue;
    private long _forcedRemaining = NoForcedRemaining;
    private long _forcedGraphQLRemaining = NoForcedRemaining;

    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>
    /// A path prefix like GitHub Enterprise's <c>api/v3</c>; empty for none. GraphQL answers at <c>/graphql</c>, or under
    /// a prefix at the prefix less a trailing <c>v3</c> plus <c>graphql</c> (<c>api/v3</c> → <c>/api/graphql</c>).
    /// </summary>
    public string PathPrefix { get; set; } = "";

    /// <summary>
    /// When set, every request must send <c>Authorization: token X</c> or <c>Bearer X</c>, else 401. GraphQL always
    /// requires a token: when this is null any non-empty one is accepted.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// More tokens accepted besides <see cref="Token"/>; when either is set, only these (and installation tokens minted
    /// here) are. With <see cref="BudgetPerToken"/>, each has its own budgets (<see cref="RateLimit"/>,
    /// <see cref="GraphQLRateLimit"/>), each window starting with its first request.
    /// </summary>
    public HashSet<string> Tokens { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Each token its own budgets (as on GitHub), requests without credentials one of their own. Off (the default), every
    /// caller but an app installation shares one pair of budgets.
    /// </summary>
    public bool BudgetPerToken { get; set; }

    /// <summary>The GitHub Apps known: their JSON web tokens are checked on <c>/app/...</c> and the installation look-ups.</summary>
    public List<SimulatorApp> Apps { get; set; } = [];

    /// <summary>How long an installation token is accepted after it was minted (GitHub: an hour), on <see cref="World.Clock"/>.</summary>
    public TimeSpan InstallationTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An installation's REST budget per window, shared by its tokens (GitHub: 5,000, scaling up to 12,500 for large organisations).</summary>
    public int InstallationRateLimit { get; set; } = 5000;

    /// <summary>An installation's GraphQL points per window, shared by its tokens.</summary>
    public int InstallationGraphQLRateLimit { get; set; } = 5000;

    /// <summary>The client id of the one OAuth app the web flow (<c>/login/oauth/...</c>) knows.</summary>
    public string OAuthClientId { get; set; } = "health-client-id";

    /// <summary>The client secret <c>/login/oauth/access_token</c> requires with <see cref="OAuthClientId"/>.</summary>
    public string OAuthClientSecret { get; set; } = "health-client-secret";

    /// <summary>Full names (owner/name, any case) answered 403 "Resource not accessible by personal access token".</summary>
    public HashSet<string> ForbiddenRepositories { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every request waits this long before it is answered.</summary>
    public TimeSpan Latency { get; set; }

    public int RateLimit { get; set; } = 5000;

    /// <summary>The primary rate-limit window, measured on <see cref="World.Clock"/> from the first request.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Set to force the remaining budget of the current window (e.g. 0 to exhaust it now, or 5 to exhaust it after
    /// five more requests). The next request applies it and sets this back to null.
    /// </summary>
    public int? RateLimitRemaining
    {
        get => Read(ref _forcedRemaining);
        set => Interlocked.Exchange(ref _forcedRemaining, value ?? NoForcedRemaining);
    }

    /// <summary>The GraphQL budget in points per window (GitHub: 5,000), apart from REST's, on the same window and clock.</summary>
    public int GraphQLRateLimit { get; set; } = 5000;

    /// <summary>Like <see cref="RateLimitRemaining"/>, for the GraphQL budget (in points).</summary>
    public int? GraphQLRateLimitRemaining
    {
        get => Read(ref _forcedGraphQLRemaining);
        set => Interlocked.Exchange(ref _forcedGraphQLRemaining, value ?? NoForcedRemaining);
    }

    /// <summary>
    /// When set, a GraphQL query that may return more nodes than this answers 502 with GitHub's "Something went wrong
    /// while executing your query" body, as GitHub answers a query too heavy to finish in time.
    /// </summary>
    public int? GraphQLTimeoutNodes { get; set; }

    public FaultPlan Faults { get; set; } = new();

    /// <summary>The largest per_page honoured (GitHub: 100); larger values are clamped.</summary>
    public int MaxPerPage { get; set; } = 100;

    internal int? TakeForcedRemaining() => Take(ref _forcedRemaining);

    internal int? TakeForcedGraphQLRemaining() => Take(ref _forcedGraphQLRemaining);

    private static int? Read(ref long slot)
    {
        long value = Interlocked.Read(ref slot);
        return value == NoForcedRemaining ? null : (int)value;
    }

    private static int? Take(ref long slot)
    {
        long value = Interlocked.Exchange(ref slot, NoForcedRemaining);
        return value == NoForcedRemaining ? null : (int)value;
    }
}
