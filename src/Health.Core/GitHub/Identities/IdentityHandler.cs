namespace Health.Core.GitHub.Identities;

/// <summary>
/// Every request to GitHub's API (Octokit's and GraphQL's) passes here: it takes the identity with the most
/// <paramref name="resource"/> budget left from the pool, sends the request with its credentials, and records the
/// rate-limit headers of the answer into that identity.
/// </summary>
internal sealed class IdentityHandler(IdentityPool pool, RateResource resource) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var exchange = IdentityExchange.Current;
        await pool.PrepareAsync(exchange?.Owner, cancellationToken);
        var identity = pool.Take(exchange?.Owner, resource);
        try
        {
            request.Headers.Authorization = await identity.AuthorizationAsync(cancellationToken);
            exchange?.Record(identity, resource);
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
}
