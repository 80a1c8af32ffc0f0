using Health.Core.Storage;

namespace Health.Web.Hosting;

/// <summary>What the web host needs around the features: migrations before anything else starts, errors.</summary>
internal static class HostingSetup
{
    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder)
    {
        // Registered first: hosted services start in order, so the schema is current before jobs are scheduled or run.
        builder.Services.AddHostedService<MigrateOnStart>();
        return builder;
    }

    public static WebApplication UseHosting(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        return app;
    }

    private sealed class MigrateOnStart(DatabaseMigrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
