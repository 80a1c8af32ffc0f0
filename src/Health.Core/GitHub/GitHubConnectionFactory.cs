using Health.Core.GitHub.Identities;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace Health.Core.GitHub;

/// <summary>
/// One Octokit connection for the configured API root, its credentials drawn per request from the <see cref="IdentityPool"/>. Built from a <see cref="Connection"/> rather than a
/// <c>GitHubClient</c> so that the URL is used exactly as given (GitHubClient appends /api/v3/ to any other host).
/// </summary>
public sealed class GitHubConnectionFactory : IDisposable
{
    private readonly Lazy<IConnection> _connection;

    public GitHubConnectionFactory(IOptions<GitHubOptions> options, IdentityPool identities) =>
        _connection = new(() => Create(options.Value, identities));

    public IConnection Connection => _connection.Value;

    /// <summary>
    /// Octokit itself sends no credentials: the <see cref="IdentityHandler"/> under it sets each request's from the pool,
    /// and records each answer's rate-limit headers into the identity it used.
    /// </summary>
    internal static IConnection Create(GitHubOptions options, IdentityPool identities)
    {
        var connection = new Connection(
            new ProductHeaderValue("Health", typeof(GitHubConnectionFactory).Assembly.GetName().Version?.ToString(3) ?? "1.0"),
            options.ApiRoot(),
            new InMemoryCredentialStore(Credentials.Anonymous),
            new HttpClientAdapter(() => new IdentityHandler(identities, RateResource.Core, options.ApiRoot()) { InnerHandler = HttpMessageHandlerFactory.CreateDefault() }),
            new SnakeCaseJsonSerializer());
        connection.SetRequestTimeout(options.RequestTimeout);
        connection.ResponseCache = new ConditionalRequestCache();
        return connection;
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated && _connection.Value is IDisposable d)
        {
            d.Dispose();
        }
    }
}
