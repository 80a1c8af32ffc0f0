using Health.Core.Export;
using Health.Core.GitHub;
using Health.Core.GitHub.Identities;
using Health.Core.GitHub.Sync;
using Health.Core.Metrics;
using Health.Core.Storage;
using Health.Core.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Health.Core;

public static class HealthCoreSetup
{
    /// <summary>The engine: storage, GitHub access and sync, options validated at start.</summary>
    public static IHostApplicationBuilder AddHealthCore(this IHostApplicationBuilder builder)
    {
        builder.AddHealthStorage();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<GitHubOptions>()
            .BindConfiguration(GitHubOptions.Section)
            .PostConfigure(o => o.Token = string.IsNullOrWhiteSpace(o.Token) ? Environment.GetEnvironmentVariable("GITHUB_TOKEN") : o.Token)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>();
        builder.Services.AddGitHubIdentities();
        builder.Services.AddSingleton<GitHubConnectionFactory>();
        builder.Services.AddHttpClient(GitHub.GraphQL.GraphQLClient.HttpClientName, (services, http) =>
            {
                var github = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
                http.Timeout = github.RequestTimeout;
                http.DefaultRequestHeaders.UserAgent.Add(IdentitySetup.UserAgent);
            })
            .AddHttpMessageHandler(services => new IdentityHandler(
                services.GetRequiredService<IdentityPool>(), RateResource.GraphQL, GitHub.GraphQL.GraphQLClient.EndpointFor(services.GetRequiredService<IOptions<GitHubOptions>>().Value)))
            .RemoveAllLoggers();
        builder.Services.AddSingleton<GitHubStatus>();
        builder.Services.AddSingleton<RepositorySync>();
        builder.Services.AddSingleton<RepositoryTracker>();
        builder.Services.AddOptions<TrackingOptions>().BindConfiguration(TrackingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrackingOptions>, TrackingOptionsValidator>();
        builder.Services.TryAddSingleton<ISyncScheduler, NoSyncScheduler>();
        builder.Services.AddSingleton<RepositoryCatalog>();
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        builder.Services.AddSingleton<DerivedFacts>();
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        builder.Services.AddSingleton<MetricsService>();
        builder.Services.AddSingleton<StoredMetrics>();
        builder.Services.AddSingleton<ExportService>();
        builder.AddReports();
        builder.Services.AddSingleton<Dashboard.DashboardService>();
        return builder;
    }
}
