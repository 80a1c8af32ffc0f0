using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace Health.Core.GitHub;

/// <summary>
/// One Octokit connection for the configured API root and token. Built from a <see cref="Connection"/> rather than a
/// <c>GitHubClient</c> so that the URL is used exactly as given (GitHubClient appends /api/v3/ to any other host).
/// </summary>
public sealed class GitHubConnectionFactory(IOptions<GitHubOptions> options) : IDisposable
{
    private readonly Lazy<IConnection> _connection = new(() => Create(options.Value));

    public IConnection Connection => _connection.Value;

    internal static IConnection Create(GitHubOptions options)
    {
        var baseUri = new Uri(options.ApiUrl.EndsWith('/') ? options.ApiUrl : options.ApiUrl + "/", UriKind.Absolute);
        var credentials = string.IsNullOrEmpty(options.Token) ? Credentials.Anonymous : new Credentials(options.Token);
        var connection = new Connection(
            new ProductHeaderValue("Health", typeof(GitHubConnectionFactory).Assembly.GetName().Version?.ToString(3) ?? "1.0"),
            baseUri,
            new InMemoryCredentialStore(credentials),
            new HttpClientAdapter(HttpMessageHandlerFactory.CreateDefault),
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
