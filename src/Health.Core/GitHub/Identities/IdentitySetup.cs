using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Health.Core.GitHub.Identities;

/// <summary>The pool of identities, built once from <see cref="GitHubOptions"/> (already validated at start).</summary>
internal static class IdentitySetup
{
    public static IServiceCollection AddGitHubIdentities(this IServiceCollection services)
    {
        services.AddSingleton(sp => Create(
            sp.GetRequiredService<IOptions<GitHubOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<IdentityPool>()));
        services.AddHttpClient(GitHubApp.HttpClientName, (sp, http) =>
            {
                var github = sp.GetRequiredService<IOptions<GitHubOptions>>().Value;
                http.BaseAddress = github.ApiRoot();
                http.Timeout = github.RequestTimeout;
                http.DefaultRequestHeaders.UserAgent.Add(UserAgent);
            })
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>What Health says it is to GitHub (GitHub refuses requests without a User-Agent).</summary>
    public static ProductInfoHeaderValue UserAgent { get; } = new("Health", typeof(IdentitySetup).Assembly.GetName().Version?.ToString(3) ?? "1.0");

    /// <summary><c>GitHub:Token</c> first, then <c>GitHub:Tokens</c> (each token once), then the app when <c>GitHub:App</c> is set.</summary>
    public static IdentityPool Create(GitHubOptions options, IHttpClientFactory httpClients, TimeProvider time, ILogger logger)
    {
        var tokens = new List<TokenIdentity>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(options.Token) && seen.Add(options.Token))
        {
            tokens.Add(TokenIdentity.Single(options.Token));
        }

        for (var i = 0; i < options.Tokens.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(options.Tokens[i]) && seen.Add(options.Tokens[i]))
            {
                tokens.Add(TokenIdentity.Listed(i, options.Tokens[i]));
            }
        }

        Func<GitHubApp>? app = null;
        if (options.App.IsSet && long.TryParse(options.App.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var appId) && options.App.PrivateKeyFile is { } keyFile)
        {
            app = () => new GitHubApp(new AppJwt(appId, AppKey.Load(keyFile), time), httpClients.CreateClient(GitHubApp.HttpClientName), time);
        }

        return new IdentityPool(tokens, app, time, logger);
    }
}
