using System.Net;
using Health.Core.GitHub.Dto;
using Microsoft.Extensions.Logging;
using Octokit;

namespace Health.Core.GitHub;

/// <summary>
/// Reads GitHub one request at a time through Octokit, and does what Octokit does not: retries with backoff on
/// 5xx, timeouts, dropped connections and malformed bodies; honours Retry-After on secondary limits and 429;
/// waits for a primary rate-limit reset that comes soon enough, else stops with <see cref="RateLimitExhaustedException"/>.
/// One instance per sync: it counts that sync's requests and keeps at most <see cref="GitHubOptions.Concurrency"/> of them in flight.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose AvailableWaitHandle is never used holds nothing to dispose.")]
public sealed partial class GitHubApi(IConnection connection, GitHubOptions options, TimeProvider time, ILogger logger, GitHubStatus? status = null)
{
    private readonly SemaphoreSlim _inFlight = new(options.Concurrency, options.Concurrency);

    private const string Accepts = "application/vnd.github+json";
    private const int MaxSecondaryWaits = 10;

    public RequestStats Stats { get; } = new();

    /// <summary>Told when a wait starts and every few seconds while it lasts (rate limits, backoff).</summary>
    public IProgress<string>? WaitReporter { get; set; }

    public Uri BaseAddress => connection.BaseAddress;

    /// <summary><c>GET /repos/{o}/{r}</c>, conditional on <paramref name="ifNoneMatch"/>: null body on 304.</summary>
    public async Task<(RepositoryDto? Repository, string? ETag)> GetRepositoryAsync(RepositoryName name, string? ifNoneMatch, CancellationToken ct)
    {
        var uri = new Uri($"repos/{name.Owner}/{name.Name}", UriKind.Relative);
        try
        {
            var (repo, response) = await SendAsync<RepositoryDto>(uri, ifNoneMatch, ct);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return (null, ifNoneMatch);
            }

            return repo is { Id: > 0 }
                ? (repo, response.ApiInfo?.Etag)
                : throw new GitHubException($"GitHub's answer for {name} has no repository id; is GitHub:ApiUrl the REST API root?");
        }
        catch (GitHubNotFoundException e)
        {
            throw new GitHubNotFoundException($"GitHub knows no repository {name}, or the token cannot see it (404).", e);
        }
    }

    /// <summary>
    /// The public repositories of an organisation, or else of a user (GitHub answers 404 for an organisation that is a user).
    /// Throws <see cref="GitHubNotFoundException"/> when neither exists.
    /// </summary>
    public async Task<IReadOnlyList<RepositoryDto>> ListPublicRepositoriesAsync(string owner, CancellationToken ct)
    {
        try
        {
            return await ReadAllAsync<RepositoryDto>(new Uri($"orgs/{owner}/repos?type=public&per_page=100", UriKind.Relative), ct);
        }
        catch (GitHubNotFoundException)
        {
            // Not an organisation: try the user of that name.
        }

        try
        {
            return await ReadAllAsync<RepositoryDto>(new Uri($"users/{owner}/repos?type=owner&per_page=100", UriKind.Relative), ct);
        }
        catch (GitHubNotFoundException e)
        {
            throw new GitHubNotFoundException($"GitHub knows no organisation or user '{owner}' (404).", e);
        }
    }

    private async Task<IReadOnlyList<T>> ReadAllAsync<T>(Uri first, CancellationToken ct)
        where T : class
    {
        var all = new List<T>();
        for (Uri? next = first; next is not null;)
        {
            var page = await GetPageAsync<T>(next, null, ct);
            all.AddRange(page.Items);
            next = Sync.LinkGuard.Checked(page.Next, BaseAddress);
        }

        return all;
    }

    public async Task<ApiPage<T>> GetPageAsync<T>(Uri uri, string? ifNoneMatch, CancellationToken ct)
    {
        var (items, response) = await SendAsync<List<T>>(uri, ifNoneMatch, ct);
        var headers = response.Headers;
        var links = response.ApiInfo?.Links ?? new Dictionary<string, Uri>();
        var notModified = response.StatusCode == HttpStatusCode.NotModified;
        return new ApiPage<T>(
            notModified ? [] : items ?? [],
            notModified,
            notModified ? ifNoneMatch : response.ApiInfo?.Etag,
            links.TryGetValue("next", out var next) ? next : null,
            ResponseHeaders.PageOf(links.TryGetValue("last", out var last) ? last : null),
            ResponseHeaders.Date(headers) ?? time.GetUtcNow().UtcDateTime);
    }

    private async Task<(T? Body, IResponse Response)> SendAsync<T>(Uri uri, string? ifNoneMatch, CancellationToken ct)
    {
        var failures = 0;
        var secondaryWaits = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            Stats.CountRequest();
            try
            {
                IApiResponse<T> response;
                await _inFlight.WaitAsync(ct);
                try
                {
                    using var exchange = ConditionalRequestCache.Begin(ifNoneMatch);
                    response = await connection.Get<T>(uri, null, Accepts, ct);
                }
                finally
                {
                    _inFlight.Release();
                }

                Observe(response.HttpResponse);
                if (response.HttpResponse.StatusCode == HttpStatusCode.NotModified)
                {
                    Stats.CountNotModified();
                }
                else if (response.Body is null)
                {
                    throw new MalformedResponseException("GitHub answered with an empty body.");
                }

                return (response.Body, response.HttpResponse);
            }
            catch (ApiException e) when (e.HttpResponse is not null || e.StatusCode != 0)
            {
                Observe(e.HttpResponse, $"{(int)e.StatusCode} {(string.IsNullOrWhiteSpace(e.ApiError?.Message) ? e.StatusCode.ToString() : e.ApiError.Message)} on {Describe(uri)}");
                var wait = Classify(e, uri, ref secondaryWaits);
                if (wait is null)
                {
                    failures = await BackoffOrThrowAsync(failures, uri, $"{(int)e.StatusCode} {e.StatusCode}", e, ct);
                }
                else
                {
                    await WaitAsync(wait.Value.Delay, wait.Value.What, ct);
                }
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                status?.Record(0, $"{Describe(e)} on {Describe(uri)}", null, null);
                failures = await BackoffOrThrowAsync(failures, uri, Describe(e), e, ct);
            }
        }
    }

    /// <summary>Null: a transient failure to retry with backoff. A value: wait that long, then retry. Throws when the failure is final.</summary>
    private (TimeSpan Delay, string What)? Classify(ApiException e, Uri uri, ref int secondaryWaits)
    {
        var status = (int)e.StatusCode;
        var headers = e.HttpResponse?.Headers;
        var body = e.HttpResponse?.Body as string ?? string.Empty;
        var message = string.IsNullOrWhiteSpace(e.ApiError?.Message) ? e.StatusCode.ToString() : e.ApiError.Message;
        var now = time.GetUtcNow().UtcDateTime;
        switch (status)
        {
            case 401:
                throw new GitHubAccessException($"GitHub rejected the token (401 {message}): set GitHub:Token or the GITHUB_TOKEN environment variable to a valid, unexpired token.", e);
            case 403 or 429:
                var retryAfter = ResponseHeaders.RetryAfter(headers, now);
                var remaining = ResponseHeaders.GetInt(headers, "X-RateLimit-Remaining");
                var secondary = retryAfter is not null || body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase) || (status == 429 && remaining != 0);
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

                if (remaining == 0 || body.Contains("rate limit exceeded", StringComparison.OrdinalIgnoreCase))
                {
                    var reset = ResponseHeaders.RateLimitReset(headers) ?? now.AddHours(1);
                    var delay = reset > now ? reset - now + TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1);
                    if (delay > options.MaxRateLimitWait)
                    {
                        throw new RateLimitExhaustedException(reset, $"GitHub's rate limit is used up until {reset:u}; the checkpoint is saved, run again after that.");
                    }

                    return (delay, "the rate limit reset");
                }

                throw new GitHubAccessException($"GitHub refused the request for {Describe(uri)} (403 {message}): the token lacks access to it.", e);
            case 404:
                throw new GitHubNotFoundException($"GitHub has nothing at {Describe(uri)} (404).", e);
            case 408 or >= 500:
                return null;
            default:
                throw new GitHubException($"GitHub answered {status} {message} for {Describe(uri)}.", e);
        }
    }

    private async Task<int> BackoffOrThrowAsync(int failures, Uri uri, string what, Exception e, CancellationToken ct)
    {
        failures++;
        if (failures > options.MaxRetries)
        {
            throw new GitHubUnavailableException($"GitHub kept failing on {Describe(uri)}: {what} after {failures} attempts.", e);
        }

        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, failures - 1);
        var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, exponential * (0.75 + (Random.Shared.NextDouble() * 0.5))));
        LogRetry(logger, what, Describe(uri), failures, options.MaxRetries, delay.TotalSeconds);
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

    private void Observe(IResponse? response, string? problem = null)
    {
        if (response is null)
        {
            return;
        }

        var remaining = ResponseHeaders.GetInt(response.Headers, "X-RateLimit-Remaining");
        var reset = ResponseHeaders.RateLimitReset(response.Headers);
        Stats.Observe(remaining, reset);
        status?.Record((int)response.StatusCode, problem, remaining, reset);
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

    /// <summary>The path and query of a request, never its host credentials.</summary>
    private string Describe(Uri uri) => (uri.IsAbsoluteUri ? uri : new Uri(connection.BaseAddress, uri)).PathAndQuery;

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub request failed ({What}) on {Path}; retry {Attempt} of {Max} in {Seconds:0.0}s")]
    private static partial void LogRetry(ILogger logger, string what, string path, int attempt, int max, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for {What} until {Until:u}")]
    private static partial void LogWait(ILogger logger, string what, DateTime until);
}
