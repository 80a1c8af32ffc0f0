using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Storage.SQLite;
using Health.Core.Storage;
using Health.Core.Tracking;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Health.Web.Jobs;

/// <summary>Hangfire inside the app: the job storage, the workers, the sync and reconcile jobs, and the dashboard at <c>/jobs</c>.</summary>
internal static class JobsSetup
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();

        // Our own storage, activator and job filters, registered before AddHangfire (which only adds them if none are there):
        // every client, server and dashboard of this app then uses these, never Hangfire's process-wide JobStorage.Current,
        // JobActivator.Current or JobFilterProviders.Providers (whose retry filter would be the last app's in the process).
        builder.Services.AddSingleton(sp => CreateStorage(sp.GetRequiredService<IOptions<JobsOptions>>().Value, builder.Configuration, builder.Environment.ContentRootPath));
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
        builder.Services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            server.WorkerCount = options.Workers;
            server.SchedulePollingInterval = options.PollInterval;
            server.ServerName = $"health:{Environment.MachineName}:{Environment.ProcessId}";
        });

        builder.Services.Replace(ServiceDescriptor.Singleton<ISyncScheduler, HangfireSyncScheduler>());
        builder.Services.AddTransient<SyncJob>();
        builder.Services.AddTransient<ReconcileJob>();
        builder.Services.AddHostedService<ScheduleOnStart>();
        builder.Services.Replace(ServiceDescriptor.Singleton<Health.Core.Reports.Scheduling.IReportScheduler, HangfireReportScheduler>());
        builder.Services.AddTransient<ReportJob>();
        builder.Services.AddHostedService<ReportsOnStart>();
        builder.Services.AddTransient<DeriveFactsJob>();
        return builder;
    }

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

    private static JobStorage CreateStorage(JobsOptions options, IConfiguration configuration, string contentRoot)
    {
        if (options.Storage == JobStorageKind.InMemory)
        {
            return new InMemoryStorage(new InMemoryStorageOptions());
        }

        var path = SqlitePath(options, configuration, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = options.PollInterval });
    }
}
