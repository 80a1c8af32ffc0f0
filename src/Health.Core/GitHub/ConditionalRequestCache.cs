using System.Net;
using Octokit;
using Octokit.Caching;
using Octokit.Internal;

namespace Health.Core.GitHub;

/// <summary>
/// Octokit's response-cache hook used for conditional requests only: the ETag to send comes from our database
/// (through <see cref="Begin"/>), and no body is kept. On a 304
/// Octokit returns the "cached" response, which we mark with status 304 and an empty body (Octokit leaves the body unset).
/// </summary>
internal sealed class ConditionalRequestCache : IResponseCache
{
    private static readonly AsyncLocal<Exchange?> Current = new();

    /// <summary>Starts one request's exchange in this async flow; dispose after the request.</summary>
    public static Exchange Begin(string? ifNoneMatch)
    {
        var exchange = new Exchange(ifNoneMatch);
        Current.Value = exchange;
        return exchange;
    }

    public Task<CachedResponse.V1> GetAsync(IRequest request)
    {
        var etag = Current.Value?.IfNoneMatch;
        if (string.IsNullOrEmpty(etag))
        {
            return Task.FromResult<CachedResponse.V1>(null!);
        }

        var apiInfo = new ApiInfo(new Dictionary<string, Uri>(), [], [], etag, new RateLimit(), TimeSpan.Zero);
        // Octokit rebuilds the response (and its ApiInfo) from these headers, so the ETag must be among them.
        var headers = new Dictionary<string, string> { ["ETag"] = etag };
        return Task.FromResult(new CachedResponse.V1(string.Empty, headers, apiInfo, HttpStatusCode.NotModified, "application/json"));
    }

    /// <summary>Nothing is cached: the caller reads the new ETag from the response and stores it with its data.</summary>
    public Task SetAsync(IRequest request, CachedResponse.V1 cachedResponse) => Task.CompletedTask;

    internal sealed class Exchange(string? ifNoneMatch) : IDisposable
    {
        public string? IfNoneMatch { get; } = ifNoneMatch;

        public void Dispose() => Current.Value = null;
    }
}
