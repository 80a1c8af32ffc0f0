using Health.Core.Storage;

namespace Health.Web.Hosting;

/// <summary>What the web host needs around the features: migrations at start and a root page until the dashboard lands.</summary>
internal static class HostingSetup
{
    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<MigrateOnStart>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHosting(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Text("Health is running. The dashboard arrives with the next issues; use the 'sync' verb to collect a repository."));
        return app;
    }

    private sealed class MigrateOnStart(DatabaseMigrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
