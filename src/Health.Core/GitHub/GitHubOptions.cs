using Health.Core.GitHub.Identities;

namespace Health.Core.GitHub;

/// <summary>How Health talks to GitHub. Section <c>GitHub</c>; the token may also come from <c>GITHUB_TOKEN</c>, more from <c>Tokens</c> and <c>App</c>.</summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    public const string PublicApiUrl = "https://api.github.com/";

    /// <summary>The REST API root, used exactly as given (GitHub Enterprise: <c>https://host/api/v3/</c>).</summary>
    public string ApiUrl { get; set; } = PublicApiUrl;

    /// <summary>A personal access token or app token. Never logged. It joins <see cref="Tokens"/> in the pool of identities.</summary>
    public string? Token { get; set; }

    /// <summary>More tokens: every request goes out on the identity with the most rate-limit budget left. Never logged.</summary>
    public List<string> Tokens { get; set; } = [];

    /// <summary>A GitHub App whose installations (one per account it is installed on) join the pool of identities.</summary>
    public GitHubAppOptions App { get; set; } = new();

    /// <summary>When the primary rate limit runs out, wait for its reset if it comes within this long; else stop with the checkpoint saved.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Retries of one request on 5xx, timeouts, dropped connections and malformed bodies.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First retry delay; doubles on each further retry (with jitter), at most 30 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait after a secondary rate limit that names no Retry-After (GitHub asks for at least a minute).</summary>
    public TimeSpan SecondaryLimitDefaultWait { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests in flight at once for per-PR reads (reviews). GitHub asks integrators to stay well below 100.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Re-read this much before the last checkpoint, for clock skew and items updated while a page was read.</summary>
    public TimeSpan SyncOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Which API collects: <see cref="GitHubMode.Auto"/> (the default) uses GraphQL whenever a token is set (GraphQL needs
    /// one) and REST without; the <c>sync --mode</c> option overrides it for one run.
    /// </summary>
    public GitHubMode Mode { get; set; } = GitHubMode.Auto;

    /// <summary>The GraphQL endpoint; empty derives it from <see cref="ApiUrl"/> (<c>https://api.github.com/graphql</c>, Enterprise's <c>https://host/api/graphql</c>).</summary>
    public string? GraphQLUrl { get; set; }

    /// <summary>Pull requests or issues per GraphQL page (GitHub allows 100). A page GitHub finds too heavy is asked again with fewer.</summary>
    public int GraphQLPageSize { get; set; } = 100;

    /// <summary>
    /// Reviews, comments and labels asked for with each pull request (and comments with each issue). GitHub charges one
    /// request per parent for a nested list whatever its size, so this costs no points; the rest of a heavier item comes in batched follow-ups.
    /// </summary>
    public int GraphQLChildPageSize { get; set; } = 50;

    /// <summary>
    /// Review threads asked for with each pull request. Each thread's comments cost a request per thread asked for, so this
    /// fits the typical PR (few threads): it drives the points a page costs.
    /// </summary>
    public int GraphQLThreadPageSize { get; set; } = 5;

    /// <summary>Comments asked for with each review thread; longer threads are finished in follow-ups.</summary>
    public int GraphQLThreadCommentPageSize { get; set; } = 10;

    /// <summary>Unfinished child lists finished by one follow-up query (one alias each).</summary>
    public int GraphQLBatchSize { get; set; } = 20;

    /// <summary>The REST API root as a URI ending with '/', so that relative paths resolve under it.</summary>
    public Uri ApiRoot() => new(ApiUrl.EndsWith('/') ? ApiUrl : ApiUrl + "/", UriKind.Absolute);

    /// <summary>Logins treated as bots besides GitHub's type Bot and <c>[bot]</c> logins.</summary>
    public List<string> ExtraBotLogins { get; set; } = [];
}

/// <summary>Which of GitHub's APIs collects a repository.</summary>
public enum GitHubMode
{
    /// <summary>GraphQL when a token is set, REST otherwise; REST's conditional first pages still answer "anything new?" for free.</summary>
    Auto = 0,

    /// <summary>Only REST: a request per page of each list, and one per changed pull request for its reviews.</summary>
    Rest = 1,

    /// <summary>Pull requests and issues through GraphQL, with their children nested; needs a token.</summary>
    GraphQL = 2,
}
