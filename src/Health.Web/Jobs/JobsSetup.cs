using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Storage.SQLite;
using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Health.Core.Tracking;
using Health.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Health.Web.Jobs;

/// <summary>
/// Hangfire inside the app: the job storage, the workers, the sync and reconcile jobs, and the dashboard at <c>/jobs</c>.
/// By <c>Health:Roles</c>: a <c>web</c> process enqueues jobs and rebuilds the recurring ones from the database at start, a
/// <c>worker</c> runs them (the Hangfire server); a process that is both does both.
/// </summary>
internal static class JobsSetup
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var roles = ProcessRoles.Read(builder.Configuration);
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        builder.Services.AddOptions<SyncLeaseOptions>().Configure<IOptions<JobsOptions>>((lease, jobs) => lease.Duration = jobs.Value.SyncLeaseDuration);

        // Our own storage, activator and job filters, registered before AddHangfire (which only adds them if none are there):
        // every client, server and dashboard of this app then uses these, never Hangfire's process-wide JobStorage.Current,
        // JobActivator.Current or JobFilterProviders.Providers (whose retry filter would be the last app's in the process).
        builder.Services.AddSingleton(sp => CreateStorage(sp.GetRequiredService<IOptions<JobsOptions>>().Value, sp.GetRequiredService<DatabaseOptions>(), builder.Configuration, builder.Environment.ContentRootPath));
        builder.Services.AddSingleton<JobActivator>(sp => new ServiceProviderJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton<RetryPolicy>();
        builder.Services.AddSingleton<IJobFilterProvider>(sp => sp.GetRequiredService<RetryPolicy>());
        builder.Services.AddHangfire((sp, config) =>
        {
            HangfireLogBridge.Instance.Attach(sp.GetRequiredService<ILoggerFactory>());
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLogBridge.Instance);
        });
        if (roles.Worker)
        {
            builder.Services.AddHangfireServer((sp, server) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = options.Workers;
                server.SchedulePollingInterval = options.PollInterval;
                server.ServerName = ServerName;
            });
        }

        builder.Services.Replace(ServiceDescriptor.Singleton<ISyncScheduler, HangfireSyncScheduler>());
        builder.Services.AddTransient<SyncJob>();
        builder.Services.AddTransient<ReconcileJob>();
        builder.Services.Replace(ServiceDescriptor.Singleton<Health.Core.Reports.Scheduling.IReportScheduler, HangfireReportScheduler>());
        builder.Services.AddTransient<ReportJob>();
        builder.Services.AddTransient<DeriveFactsJob>();
        if (roles.Web)
        {
            // Once per web start, not once per worker: what is tracked and scheduled is rebuilt and caught up from our database.
            builder.Services.AddHostedService<ScheduleOnStart>();
            builder.Services.AddHostedService<ReportsOnStart>();
        }

        return builder;
    }

    /// <summary>This process's Hangfire server name: <c>health:MACHINE:PID</c> (Hangfire adds a unique suffix to its id).</summary>
    public static string ServerName => $"health:{Environment.MachineName}:{Environment.ProcessId}";

    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboardWithAuthorizationPolicy(
            Access.OperatorAccess.Policy,
            "/jobs",
            new DashboardOptions { Authorization = [], AsyncAuthorization = [], DashboardTitle = "Health jobs", AppPath = "/repositories", DisplayStorageConnectionString = false },
            app.ServiceProvider.GetRequiredService<JobStorage>());
        return app;
    }

    /// <summary>The Hangfire SQLite file: <c>Jobs:SqlitePath</c>, or <c>health-jobs.db</c> beside the app's database.</summary>
    public static string SqlitePath(JobsOptions options, IConfiguration configuration, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            return Path.GetFullPath(options.SqlitePath, contentRoot);
        }

        var health = new SqliteConnectionStringBuilder(StorageSetup.SqliteConnectionString(configuration, contentRoot)).DataSource;
        var directory = health == ":memory:" ? Path.Combine(contentRoot, "data") : Path.GetDirectoryName(health)!;
        return Path.Combine(directory, "health-jobs.db");
    }

    private static JobStorage CreateStorage(JobsOptions options, DatabaseOptions database, IConfiguration configuration, string contentRoot)
    {
        switch (options.StorageFor(database.Provider))
        {
            case JobStorageKind.InMemory:
                return new InMemoryStorage(new InMemoryStorageOptions());
            case JobStorageKind.Postgres:
                return PostgresJobStorage.Create(StorageSetup.PostgresConnectionString(configuration), options);
        }

        var path = SqlitePath(options, configuration, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = options.PollInterval });
    }
}
