using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Health.Web.Access;

/// <summary>
/// Bounds the work anonymous requests can ask for on the endpoints that compute (exports, chart CSVs and badges: those marked
/// with <see cref="Limit{TBuilder}"/>): each client (<see cref="LocalConnection.ClientKey"/>) gets
/// <see cref="AccessOptions.DownloadsPerMinute"/>, answered 429 with <c>Retry-After</c> beyond; and at most
/// <see cref="AccessOptions.ConcurrentDownloads"/> run at once, the next ones waiting in a queue (503 when it is full).
/// </summary>
internal static class DownloadLimits
{
    private const int QueueLimit = 64;

    public static IServiceCollection AddDownloadLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AccessOptions>>((limiter, access) =>
        {
            var perMinute = access.Value.DownloadsPerMinute;
            var concurrent = access.Value.ConcurrentDownloads;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsLimited(http)
                    ? RateLimitPartition.GetTokenBucketLimiter(LocalConnection.ClientKey(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perMinute,
                        TokensPerPeriod = perMinute,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsLimited(http)
                    ? RateLimitPartition.GetConcurrencyLimiter("downloads", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = concurrent,
                        QueueLimit = QueueLimit,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
            limiter.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                var perClient = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
                response.StatusCode = perClient ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
                var seconds = perClient ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 5;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(
                    perClient
                        ? $"Too many downloads from {LocalConnection.ClientKey(context.HttpContext)}: at most {perMinute} a minute (Access:DownloadsPerMinute); try again in {seconds} s.\n"
                        : $"Too many downloads are being computed at once ({concurrent} running, {QueueLimit} waiting); try again in {seconds} s.\n",
                    ct);
            };
        });
        return services;
    }

    /// <summary>Marks an endpoint as one whose requests are limited per client and queued.</summary>
    public static TBuilder Limit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(Marker.Instance);

    private static bool IsLimited(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<Marker>() is not null;

    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }
}
