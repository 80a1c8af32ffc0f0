using Health.Core.Storage;
using Microsoft.Extensions.Options;

namespace Health.Web.Hosting;

/// <summary>What the web host needs around the features: this process's roles, migrations before anything else starts, errors.</summary>
internal static class HostingSetup
{
    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProcessRoles>()
            .Configure<IConfiguration>((roles, configuration) =>
            {
                var read = ProcessRoles.Read(configuration);
                roles.Web = read.Web;
                roles.Worker = read.Worker;
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProcessRoles>, ProcessRolesValidator>();

        // Registered first: hosted services start in order, so the schema is current before jobs are scheduled or run.
        builder.Services.AddHostedService<MigrateOnStart>();
        return builder;
    }

    /// <summary>Whether this process serves the pages (<c>Health:Roles</c> has <c>web</c>); a worker answers <c>/health</c> only.</summary>
    public static bool ServesPages(this WebApplication app) => ProcessRoles.Read(app.Configuration).Web;

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
