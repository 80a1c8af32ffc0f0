using System.Globalization;
using System.Net;
using System.Text;

namespace Health.Core.GitHub.Identities;

/// <summary>
/// Every request to GitHub's API (Octokit's and GraphQL's) passes here: it takes the identity with the most
/// <paramref name="resource"/> budget left from the pool, sends the request with its credentials, and records the
/// rate-limit headers of the answer into that identity. When every identity's budget is spent, the request is not sent
/// (GitHub would refuse it, and count the refusal against the integration): it is answered here with the 403 GitHub gives
/// then, naming the earliest reset, so the policy waits for it or stops with the checkpoint saved. Credentials go only to
/// <paramref name="api"/>'s scheme, host and port: a request Octokit sends on after a redirect to another host (it strips
/// the credentials then) goes on without any, and spends no identity's budget.
/// </summary>
internal sealed class IdentityHandler(IdentityPool pool, RateResource resource, Uri api) : DelegatingHandler
{
    private TimeProvider Clock => pool.Time;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } target || Uri.Compare(target, api, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            request.Headers.Authorization = null;
            return await base.SendAsync(request, cancellationToken);
        }

        var exchange = IdentityExchange.Current;
        await pool.PrepareAsync(exchange?.Owner, cancellationToken);
        var identity = pool.Take(exchange?.Owner, resource, out var spent);
        try
        {
            exchange?.Record(identity, resource);
            if (spent)
            {
                return Spent(request, identity.Budget(resource).ResetAt(Clock.GetUtcNow().UtcDateTime) ?? Clock.GetUtcNow().UtcDateTime.AddMinutes(1));
            }

            request.Headers.Authorization = await identity.AuthorizationAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            var (remaining, reset, named) = ResponseHeaders.RateLimit(response.Headers);
            var budget = named is null ? identity.Budget(resource)
                : string.Equals(named, "core", StringComparison.OrdinalIgnoreCase) ? identity.Core
                : string.Equals(named, "graphql", StringComparison.OrdinalIgnoreCase) ? identity.GraphQL
                : null;
            budget?.Observe(remaining, reset);
            return response;
        }
        finally
        {
            identity.Budget(resource).End();
        }
    }

    /// <summary>GitHub's answer to a request over the primary rate limit, made here: nothing was sent.</summary>
    private HttpResponseMessage Spent(HttpRequestMessage request, DateTime reset)
    {
        var epoch = new DateTimeOffset(DateTime.SpecifyKind(reset, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = $$"""{"message":"API rate limit exceeded: every identity's budget is spent until {{reset:u}} (answered by Health without asking GitHub)","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}""";
        var response = new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        response.Headers.Add("X-RateLimit-Limit", "0");
        response.Headers.Add("X-RateLimit-Remaining", "0");
        response.Headers.Add("X-RateLimit-Reset", epoch);
        response.Headers.Add("X-RateLimit-Resource", resource == RateResource.GraphQL ? "graphql" : "core");
        response.Headers.Date = Clock.GetUtcNow();
        return response;
    }
}
