using Health.Core.GitHub.Identities;
using Microsoft.Extensions.Logging;

namespace Health.Core.GitHub;

/// <summary>
/// How Health treats GitHub's answers, for the REST and the GraphQL API alike (one place, not two): retries with backoff
/// on 5xx, timeouts, dropped connections, malformed bodies and partial data; honours Retry-After on secondary limits and
/// 429; waits for a primary rate-limit reset that comes soon enough, else stops with <see cref="RateLimitExhaustedException"/>;
/// asks for less when a query is too heavy. One instance per sync: it counts that sync's requests and keeps at most
/// <see cref="GitHubOptions.Concurrency"/> of them in flight. Each attempt draws its identity from the pool for the
/// repositories of <c>owner</c>; a rate limit sets that identity aside and goes on with another, and only waits (or
/// stops) when every identity is spent, until the earliest reset.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose AvailableWaitHandle is never used holds nothing to dispose.")]
public sealed partial class GitHubPolicy(
    GitHubOptions options, TimeProvider time, ILogger logger, GitHubStatus? status = null, IdentityPool? identities = null, string? owner = null)
{
    private const int MaxSecondaryWaits = 10;

    private readonly SemaphoreSlim _inFlight = new(options.Concurrency, options.Concurrency);

    public GitHubOptions Options => options;

    public TimeProvider Time => time;

    public RequestStats Stats { get; } = new();

    /// <summary>Told when a wait starts and every few seconds while it lasts (rate limits, backoff).</summary>
    public IProgress<string>? WaitReporter { get; set; }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it returns, or the failure is final. <paramref name="target"/> names the
    /// request in messages (a path, never credentials). <paramref name="lighten"/> is called before a retry of a query that
    /// was too heavy; it returns false when the query cannot be made any lighter.
    /// </summary>
    internal async Task<T> SendAsync<T>(string target, Func<CancellationToken, Task<T>> attempt, CancellationToken ct, Func<bool>? lighten = null)
    {
        var failures = 0;
        var secondaryWaits = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            Stats.CountRequest();
            using var exchange = IdentityExchange.Begin(owner);
            try
            {
                await _inFlight.WaitAsync(ct);
                try
                {
                    return await attempt(ct);
                }
                finally
                {
                    _inFlight.Release();
                }
            }
            catch (GitHubFailure e)
            {
                ObserveRest(e.Status, e.Headers, $"{e.Status} {e.Message} on {target}");
                switch (Classify(e, target, exchange, ref secondaryWaits))
                {
                    case { Delay.Ticks: 0 }:
                        // Another identity has budget left: go on with it at once.
                        break;
                    case { } wait:
                        await WaitAsync(wait.Delay, wait.What, ct);
                        break;
                    default:
                        if (e.Kind == GitHubFailureKind.TooHeavy && lighten is not null && lighten())
                        {
                            LogLighter(logger, target, e.Message);
                            Stats.CountLightened();
                            break;
                        }

                        failures = await BackoffOrThrowAsync(failures, target, $"{(e.Status == 200 ? string.Empty : $"{e.Status} ")}{e.Message}", e, ct);
                        break;
                }
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                status?.Record(0, $"{Describe(e)} on {target}", null, null);
                failures = await BackoffOrThrowAsync(failures, target, Describe(e), e, ct);
            }
        }
    }

    /// <summary>Records what an answer's headers say of the rate limit (REST's core budget, or GraphQL's points).</summary>
    internal void ObserveRest(int statusCode, IReadOnlyDictionary<string, string>? headers, string? problem = null)
    {
        var remaining = ResponseHeaders.GetInt(headers, "X-RateLimit-Remaining");
        var reset = ResponseHeaders.RateLimitReset(headers);
        if (string.Equals(ResponseHeaders.Get(headers, "X-RateLimit-Resource"), "graphql", StringComparison.OrdinalIgnoreCase))
        {
            Stats.ObserveGraphQL(null, remaining, reset);
            status?.Record(statusCode, problem, null, null);
            return;
        }

        Stats.Observe(remaining, reset);
        status?.Record(statusCode, problem, remaining, reset);
    }

    /// <summary>Records the cost block of a GraphQL answer (points, not requests; a budget apart from REST's).</summary>
    internal void ObserveGraphQL(int? cost, int? remaining, DateTime? resetAt)
    {
        if (cost is { } points && IdentityExchange.Current is { Identity: { } identity })
        {
            identity.GraphQL.NoteCost(points);
        }

        Stats.ObserveGraphQL(cost, remaining, resetAt);
        status?.Record(200, null, null, null);
    }

    /// <summary>Null: a transient failure to retry with backoff. A value: wait that long, then retry. Throws when the failure is final.</summary>
    private (TimeSpan Delay, string What)? Classify(GitHubFailure e, string target, IdentityExchange exchange, ref int secondaryWaits)
    {
        var now = time.GetUtcNow().UtcDateTime;
        switch (e.Kind)
        {
            case GitHubFailureKind.RateLimited:
                return PrimaryLimit(e, exchange, now);
            case GitHubFailureKind.TooHeavy or GitHubFailureKind.Partial:
                return null;
            case GitHubFailureKind.Refused:
                throw new GitHubException($"GitHub refused the query for {target}: {e.Message}", e);
            case GitHubFailureKind.NotFound:
                throw new GitHubNotFoundException($"GitHub has nothing at {target}: {e.Message}", e);
            case GitHubFailureKind.InvalidCursor:
                throw new GraphQLCursorException($"GitHub no longer takes the saved cursor for {target}: {e.Message}", e);
        }

        switch (e.Status)
        {
            case 401:
                if (identities is not null && exchange.Identity is { } refused && identities.Reject(refused))
                {
                    return (TimeSpan.Zero, "another identity");
                }

                var rejected = exchange.Identity ?? TokenIdentity.Single(string.Empty);
                throw new GitHubAccessException($"GitHub rejected {rejected.Label} (401 {e.Message}): {rejected.Advice}.", e);
            case 403 or 429:
                var retryAfter = ResponseHeaders.RetryAfter(e.Headers, now);
                var remaining = ResponseHeaders.GetInt(e.Headers, "X-RateLimit-Remaining");
                var secondary = retryAfter is not null || e.Body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase) || (e.Status == 429 && remaining != 0);
                if (secondary)
                {
                    var wait = retryAfter ?? options.SecondaryLimitDefaultWait;
                    if (++secondaryWaits > MaxSecondaryWaits || wait > options.MaxRateLimitWait)
                    {
                        var resume = now + wait;
                        throw new RateLimitExhaustedException(resume, $"GitHub's secondary rate limit asks to wait until {resume:u}; the checkpoint is saved, run again after that.");
                    }

                    return (wait, "GitHub's secondary rate limit");
                }

                if (remaining == 0 || e.Body.Contains("rate limit exceeded", StringComparison.OrdinalIgnoreCase))
                {
                    return PrimaryLimit(e, exchange, now);
                }

                throw new GitHubAccessException($"GitHub refused the request for {target} (403 {e.Message}): the token lacks access to it.", e);
            case 404:
                throw new GitHubNotFoundException($"GitHub has nothing at {target} (404).", e);
            case 408 or >= 500:
                return null;
            default:
                throw new GitHubException($"GitHub answered {e.Status} {e.Message} for {target}.", e);
        }
    }

    /// <summary>
    /// The primary limit of the identity used is spent: set it aside until its reset and go on at once with another that has
    /// budget left; when none has, wait for the earliest reset if it comes soon enough, else stop with the checkpoint saved.
    /// </summary>
    private (TimeSpan Delay, string What) PrimaryLimit(GitHubFailure e, IdentityExchange exchange, DateTime now)
    {
        var reset = ResponseHeaders.RateLimitReset(e.Headers) ?? now.AddHours(1);
        if (identities is not null && exchange.Identity is { } used)
        {
            used.Budget(exchange.Resource).MarkSpent(reset > now ? reset : now.AddSeconds(1));
            reset = identities.NextAvailable(owner, exchange.Resource);
            if (reset <= now)
            {
                LogSwitch(logger, used.Name);
                return (TimeSpan.Zero, "another identity");
            }
        }

        var delay = reset > now ? reset - now + TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1);
        if (delay > options.MaxRateLimitWait)
        {
            throw new RateLimitExhaustedException(reset, $"GitHub's rate limit is used up until {reset:u}; the checkpoint is saved, run again after that.");
        }

        return (delay, "the rate limit reset");
    }

    private async Task<int> BackoffOrThrowAsync(int failures, string target, string what, Exception e, CancellationToken ct)
    {
        failures++;
        if (failures > options.MaxRetries)
        {
            throw new GitHubUnavailableException($"GitHub kept failing on {target}: {what} after {failures} attempts.", e);
        }

        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, failures - 1);
        var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, exponential * (0.75 + (Random.Shared.NextDouble() * 0.5))));
        LogRetry(logger, what, target, failures, options.MaxRetries, delay.TotalSeconds);
        await Task.Delay(delay, time, ct);
        return failures;
    }

    private async Task WaitAsync(TimeSpan delay, string what, CancellationToken ct)
    {
        var until = time.GetUtcNow().UtcDateTime + delay;
        LogWait(logger, what, until);
        while (true)
        {
            var left = until - time.GetUtcNow().UtcDateTime;
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            WaitReporter?.Report($"waiting for {what}: {Math.Ceiling(left.TotalSeconds):0}s (until {until:HH:mm:ss} UTC)");
            await Task.Delay(left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5), time, ct);
        }
    }

    private static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        OperationCanceledException => !ct.IsCancellationRequested,
        HttpRequestException or IOException or MalformedResponseException => true,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "timed out",
        MalformedResponseException m => m.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub request failed ({What}) on {Path}; retry {Attempt} of {Max} in {Seconds:0.0}s")]
    private static partial void LogRetry(ILogger logger, string what, string path, int attempt, int max, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for {What} until {Until:u}")]
    private static partial void LogWait(ILogger logger, string what, DateTime until);

    [LoggerMessage(Level = LogLevel.Information, Message = "The rate limit of {Identity} is used up; going on with another identity")]
    private static partial void LogSwitch(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub found the query for {Path} too heavy ({Reason}); asking for less")]
    private static partial void LogLighter(ILogger logger, string path, string reason);
}
