using Bunit;
using GitHubSimulator;
using Health.Core;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Core.Tracking;
using Health.Testing;
using Health.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Health.Web.Tests.Components.Repositories;

/// <summary>
/// A bUnit context with the app's own Core services over a real SQLite file and the simulator on loopback; the
/// Hangfire scheduler is replaced by one that records what the page asked for.
/// </summary>
public sealed class PageFixture : BunitContext
{
    private readonly string _directory = Directory.CreateTempSubdirectory("health-page-").FullName;
    private SimulatorServer? _server;

    public RecordingScheduler Scheduler { get; } = new();

    public PageFixture()
    {
        // A loaded CI machine can take more than bUnit's default second to render from a real database.
        DefaultWaitTimeout = TimeSpan.FromSeconds(20);
    }

    /// <summary>Starts the simulator and the services; <paramref name="now"/> stops the app's clock there (tests that name months must not depend on today).</summary>
    public async Task StartAsync(WorldOptions? world = null, DateTime? now = null)
    {
        _server = await TestSimulator.StartAsync(world ?? new WorldOptions { Prs = 20, End = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, DisableDefaults = true });
        var settings = FastSettings.For(_server.BaseUri, _directory);

        // The scheduler only records, so no recurring sync can fire: the page schedules with the app's own default cron, which its tests check.
        settings.Remove("Health:DefaultCron");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddHealthCore();
        builder.Services.Replace(ServiceDescriptor.Singleton<ISyncScheduler>(Scheduler));
        if (now is { } fixedNow)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new Dashboard.FixedClock(fixedNow)));
        }

        builder.Services.AddSingleton(Options.Create(new DashboardOptions { RefreshInterval = TimeSpan.FromMilliseconds(50) }));
        foreach (var service in builder.Services)
        {
            Services.Add(service);
        }

        await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public HealthDb NewDb() => Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContext();

    public async Task<int> SeedAsync(string fullName, SyncStatus? status = null, Action<TrackedRepository>? change = null)
    {
        var parts = fullName.Split('/');
        var repo = new TrackedRepository { Owner = parts[0], Name = parts[1], FullNameKey = fullName.ToLowerInvariant(), GitHubId = Random.Shared.Next(1, int.MaxValue) };
        change?.Invoke(repo);
        await using var db = NewDb();
        db.Repositories.Add(repo);
        await db.SaveChangesAsync();
        if (status is not null)
        {
            status.RepositoryId = repo.Id;
            db.SyncStatuses.Add(status);
            await db.SaveChangesAsync();
        }

        return repo.Id;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Stands in for Hangfire: records what would have been scheduled.</summary>
    public sealed class RecordingScheduler : ISyncScheduler
    {
        public List<string> Calls { get; } = [];

        public void Schedule(TrackedRepository repository) => Add($"schedule {repository.FullName} {(repository.Paused ? "paused" : repository.Cron)}");

        public void Unschedule(int repositoryId) => Add($"unschedule {repositoryId}");

        public void SyncNow(int repositoryId) => Add($"sync {repositoryId}");

        private void Add(string call)
        {
            lock (Calls)
            {
                Calls.Add(call);
            }
        }
    }
}
