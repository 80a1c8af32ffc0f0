using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;

namespace GitHubSimulator;

/// <summary>
/// Every request goes through here: latency, faults, authentication, the endpoint, the primary rate limit,
/// the ETag/304 check, then the answer with GitHub's headers. The request is logged just before it is answered.
/// GraphQL (POST to <see cref="GraphQLPath"/>) takes the same way with its own budget and no ETags. The OAuth web flow
/// (<c>/login/oauth/...</c>, at the root) is only logged: no latency, faults or budget. A user token it issued is
/// answered by <see cref="Router.RouteUser"/> instead of being checked against <see cref="SimulatorOptions.Token"/>.
/// </summary>
internal sealed class RequestPipeline
{
    private readonly World _world;
    private readonly SimulatorOptions _options;
    private readonly RequestLog _log;
    private readonly RateBudgets _budgets = new();
    private readonly InstallationTokens _installationTokens;
    private readonly CancellationToken _stopping;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _instance = Random.Shared.Next(0x1000, 0xFFFF);
    private readonly OAuthGrants _grants;
    private Api? _api;
    private GraphQLEndpoint? _graphQL;
    private OAuthWebFlow? _webFlow;
    private long _requests;

    public RequestPipeline(World world, SimulatorOptions options, RequestLog log, ILogger logger, CancellationToken stopping)
    {
        _world = world;
        _options = options;
        _log = log;
        _logger = logger;
        _stopping = stopping;
        _grants = new OAuthGrants(world);
        _installationTokens = new InstallationTokens(world);
        string prefix = (options.PathPrefix ?? "").Trim('/');
        _prefix = prefix.Length == 0 ? "" : "/" + prefix;
        GraphQLPath = GraphQLEndpoint.PathFor(prefix);
    }

    public string Prefix => _prefix;

    /// <summary><c>/graphql</c>; under a prefix, the prefix less a trailing <c>v3</c> segment plus <c>graphql</c>.</summary>
    public string GraphQLPath { get; }

    /// <summary>The GraphQL points taken since the server started.</summary>
    public long GraphQLPointsUsed => _budgets.GraphQLPointsUsed;

    /// <summary>The installation tokens minted since the server started.</summary>
    public int InstallationTokensIssued => _installationTokens.Issued;

    /// <summary>Called once the port is known; requests wait for it.</summary>
    public void Start(Uri baseUri)
    {
        _api = new Api(_world, _options, new JsonContext(baseUri), baseUri.GetLeftPart(UriPartial.Authority));
        _graphQL = new GraphQLEndpoint(_world, _options, _logger);
        _webFlow = new OAuthWebFlow(_world, _options, _grants);
        _ = Task.Run(() => GitHubSchema.Instance, _stopping);
        _ready.TrySetResult();
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (!_ready.Task.IsCompleted)
        {
            await _ready.Task;
        }

        _log.Enter();
        try
        {
            await ProcessAsync(context, _api!);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away (or the server is stopping): nothing to answer.
        }
        finally
        {
            _log.Exit();
        }
    }

    private async Task ProcessAsync(HttpContext context, Api api)
    {
        HttpRequest request = context.Request;
        string path = request.Path.Value ?? "/";
        string queryString = request.QueryString.Value ?? "";
        string target = path + queryString;
        string method = request.Method;
        CancellationToken cancel = context.RequestAborted;
        if (OAuthWebFlow.Handles(path))
        {
            await AnswerWebFlowAsync(context, target, cancel);
            return;
        }

        TimeSpan latency = _options.Latency;
        if (latency > TimeSpan.Zero && !await TryDelayAsync(latency, cancel))
        {
            Record(method, target, 0);
            return;
        }

        if (AppEndpoints.Handles(path, _prefix))
        {
            await AnswerAppAsync(context, api, target, cancel);
            return;
        }

        bool graphQL = string.Equals(path, GraphQLPath, StringComparison.OrdinalIgnoreCase);
        Caller caller = Caller.Of(Authorization.Token(request.Headers.Authorization), _installationTokens);
        Budgets budgets = _budgets.For(caller, _options);
        RateLimiter limiter = graphQL ? budgets.GraphQL : budgets.Core;
        FaultRule? fault = _options.Faults.Next(target);
        bool truncate = false;
        bool partialData = false;
        switch (fault?.Kind)
        {
            case null:
                break;
            case FaultKind.DropConnection:
                Record(method, target, 0);
                context.Abort();
                return;
            case FaultKind.Timeout:
                if (!await TryDelayAsync(fault.Delay, cancel))
                {
                    Record(method, target, 0);
                    return;
                }

                break;
            case FaultKind.TruncatedBody:
                truncate = true;
                break;
            case FaultKind.PrimaryRateLimitExhausted:
                limiter.Exhaust(_options, _world.Now);
                break;
            case FaultKind.PartialData:
                partialData = graphQL;
                break;
            default:
                using (ApiResponse faultResponse = FaultResponse(fault))
                {
                    limiter.TryConsume(_options, _world.Now, graphQL ? 0 : 1, out RateSnapshot faultRate);
                    await SendAsync(context, faultResponse, faultRate, null, false, target, cancel, caller: caller.Label);
                }

                return;
        }

        if (graphQL)
        {
            await AnswerGraphQLAsync(context, caller, budgets.GraphQL, truncate, partialData, target, cancel);
            return;
        }

        UserGrant? user = _grants.Find(Authorization.Token(request.Headers.Authorization));
        using ApiResponse response = user is not null
            ? Answer(path, () => Router.RouteUser(api, method, path, _prefix, new QueryParams(queryString), user.User))
            : Authorization.UnknownUserToken(request, path, _prefix)
                ?? Authorization.Rest(_options, caller, _world.Now)
                ?? Answer(path, () => Router.Route(api, method, path, _prefix, new QueryParams(queryString), budgets));
        string? etag = response.Status == 200 ? ETag(response.Body.WrittenSpan) : null;
        bool notModified = etag is not null && Matches(request.Headers.IfNoneMatch, etag);
        bool allowed = budgets.Core.TryConsume(_options, _world.Now, response.Counts && !notModified ? 1 : 0, out RateSnapshot rate);
        if (!allowed && response.Counts)
        {
            using ApiResponse limited = ApiResponse.FromBytes(403, ErrorBodies.PrimaryRateLimit);
            await SendAsync(context, limited, rate, null, false, target, cancel, caller: caller.Label);
            return;
        }

        if (truncate && response.Status == 200 && !notModified)
        {
            response.Body.Truncate(response.Body.Length / 2);
        }

        await SendAsync(context, response, rate, etag, notModified, target, cancel, caller: caller.Label);
    }

    /// <summary>
    /// A GraphQL POST: GitHub requires a token here even when the REST API would answer without one; the query's
    /// cost is settled by the endpoint, which reports the budget state the headers show.
    /// </summary>
    private async Task AnswerGraphQLAsync(
        HttpContext context, Caller caller, RateLimiter limiter, bool truncate, bool partialData, string target, CancellationToken cancel)
    {
        HttpRequest request = context.Request;
        string requestId = RequestId(_world.Now);
        using ApiResponse response = Authorization.GraphQL(_options, caller, _world.Now)
            ?? (HttpMethods.IsPost(request.Method)
                ? await QueryAsync(request, limiter, partialData, requestId, cancel)
                : ErrorBodies.NotFound("https://docs.github.com/graphql"));
        if (truncate && response.Status == 200)
        {
            response.Body.Truncate(response.Body.Length / 2);
        }

        RateSnapshot rate = response.Rate ?? limiter.Peek(_options, _world.Now);
        await SendAsync(context, response, rate, null, false, target, cancel, requestId, caller.Label);
    }

    /// <summary>
    /// A request of a GitHub App as itself: its JSON web token is checked first (401 with GitHub's message otherwise). These
    /// take no rate-limit budget here; the headers show the app's own.
    /// </summary>
    private async Task AnswerAppAsync(HttpContext context, Api api, string target, CancellationToken cancel)
    {
        HttpRequest request = context.Request;
        string path = request.Path.Value ?? "/";
        (SimulatorApp? app, string? problem) = AppJwtCheck.Verify(_options.Apps, Authorization.Token(request.Headers.Authorization), _world.Now);
        using ApiResponse response = app is null
            ? ErrorBodies.JwtRefused(problem!)
            : Answer(path, () => AppEndpoints.Answer(api, app, _installationTokens, request.Method, path, _prefix));
        var caller = new Caller(app is null ? "app:refused" : "app:" + app.Id, app is null ? "app:refused" : "app:" + app.Id, null);
        RateSnapshot rate = _budgets.For(caller, _options).Core.Peek(_options, _world.Now);
        await SendAsync(context, response, rate, null, false, target, cancel, caller: caller.Label);
    }

    private async Task<ApiResponse> QueryAsync(HttpRequest request, RateLimiter limiter, bool partialData, string requestId, CancellationToken cancel)
    {
        try
        {
            return await _graphQL!.AnswerAsync(request.Body, limiter, partialData, requestId, cancel);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or IOException))
        {
            _logger.LogError(ex, "Simulator GraphQL endpoint failed");
            return ApiResponse.FromBytes(500, ErrorBodies.ServerError);
        }
    }

    /// <summary>
    /// Waits in real time (not on the world's clock, which a test may hold still); false when the client left
    /// or the server is stopping.
    /// </summary>
    private async Task<bool> TryDelayAsync(TimeSpan delay, CancellationToken requestAborted)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _stopping);
        try
        {
            await Task.Delay(delay, cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private ApiResponse Answer(string path, Func<ApiResponse> route)
    {
        try
        {
            return route();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Simulator endpoint failed for {Path}", path);
            return ApiResponse.FromBytes(500, ErrorBodies.ServerError);
        }
    }

    /// <summary>A web-flow page, redirect or token answer: logged, with <c>Date</c> and a request id, no rate-limit headers.</summary>
    private async Task AnswerWebFlowAsync(HttpContext context, string target, CancellationToken cancel)
    {
        ApiResponse answer;
        try
        {
            answer = await _webFlow!.AnswerAsync(context.Request, cancel);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or IOException))
        {
            _logger.LogError(ex, "Simulator OAuth web flow failed for {Path}", context.Request.Path.Value);
            answer = ApiResponse.FromBytes(500, ErrorBodies.ServerError);
        }

        using (answer)
        {
            DateTime now = _world.Now;
            _log.Record(new RequestRecord(context.Request.Method, target, answer.Status, now));
            HttpResponse response = context.Response;
            response.StatusCode = answer.Status;
            IHeaderDictionary h = response.Headers;
            h.Date = now.ToString("R", CultureInfo.InvariantCulture);
            h["X-GitHub-Request-Id"] = RequestId(now);
            h.CacheControl = "no-store";
            if (answer.Location is not null)
            {
                h.Location = answer.Location;
            }

            h.ContentType = answer.ContentType;
            response.ContentLength = answer.Body.Length;
            await response.Body.WriteAsync(answer.Body.WrittenMemory, cancel);
        }
    }

    private static ApiResponse FaultResponse(FaultRule fault) => fault.Kind switch
    {
        FaultKind.BadGateway502 => ApiResponse.FromBytes(502, ErrorBodies.BadGatewayHtml, "text/html; charset=utf-8"),
        FaultKind.ServiceUnavailable503 => ApiResponse.FromBytes(503, ErrorBodies.ServiceUnavailable),
        FaultKind.InternalError500 => ApiResponse.FromBytes(500, ErrorBodies.ServerError),
        FaultKind.SecondaryRateLimit403 => ApiResponse.FromBytes(403, ErrorBodies.SecondaryRateLimit, retryAfter: fault.RetryAfterSeconds),
        FaultKind.TooManyRequests429 => ApiResponse.FromBytes(429, ErrorBodies.SecondaryRateLimit, retryAfter: fault.RetryAfterSeconds),
        _ => ErrorBodies.NotFound(),
    };

    private async Task SendAsync(
        HttpContext context, ApiResponse answer, RateSnapshot rate, string? etag, bool notModified, string target, CancellationToken cancel,
        string? requestId = null, string? caller = null)
    {
        int status = notModified ? 304 : answer.Status;
        DateTime now = _world.Now;
        _log.Record(new RequestRecord(context.Request.Method, target, status, now) { Points = answer.Points, Operation = answer.Operation, Caller = caller });
        HttpResponse response = context.Response;
        response.StatusCode = status;
        IHeaderDictionary h = response.Headers;
        h.Date = now.ToString("R", CultureInfo.InvariantCulture);
        h["X-RateLimit-Limit"] = rate.Limit.ToString(CultureInfo.InvariantCulture);
        h["X-RateLimit-Remaining"] = rate.Remaining.ToString(CultureInfo.InvariantCulture);
        h["X-RateLimit-Reset"] = rate.Reset.ToString(CultureInfo.InvariantCulture);
        h["X-RateLimit-Used"] = rate.Used.ToString(CultureInfo.InvariantCulture);
        h["X-RateLimit-Resource"] = rate.Resource;
        h["X-GitHub-Request-Id"] = answer.RequestId ?? requestId ?? RequestId(now);
        h["X-GitHub-Media-Type"] = rate.Resource == "graphql" ? "github.v4; format=json" : "github.v3; format=json";
        h["X-GitHub-Api-Version-Selected"] = "2022-11-28";
        if (etag is not null)
        {
            h.ETag = etag;
            h.CacheControl = "private, max-age=60, s-maxage=60";
            h.Vary = "Accept, Authorization, Cookie, X-GitHub-OTP";
        }

        if (answer.Link is not null)
        {
            h.Link = answer.Link;
        }

        if (answer.RetryAfterSeconds is int retryAfter)
        {
            h.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        if (notModified)
        {
            return;
        }

        h.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(answer.Body.WrittenMemory, cancel);
        }
    }

    private void Record(string method, string target, int status) =>
        _log.Record(new RequestRecord(method, target, status, _world.Now));

    private string RequestId(DateTime now)
    {
        long n = Interlocked.Increment(ref _requests);
        long unix = (long)(now - DateTime.UnixEpoch).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"{_instance:X4}:{n & 0xFFFFF:X5}:{(n * 7919) & 0xFFFFFF:X6}:{(n * 104729) & 0xFFFFFF:X6}:{unix & 0xFFFFFFFF:X8}");
    }

    private static string ETag(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return "W/\"" + Convert.ToHexStringLower(hash) + "\"";
    }

    /// <summary>Weak comparison of If-None-Match (a list, or *) with the ETag the body would have.</summary>
    private static bool Matches(StringValues ifNoneMatch, string etag)
    {
        string opaque = etag[2..];
        foreach (string? value in ifNoneMatch)
        {
            if (value is null)
            {
                continue;
            }

            foreach (string part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                string tag = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
                if (tag == "*" || string.Equals(tag, opaque, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
