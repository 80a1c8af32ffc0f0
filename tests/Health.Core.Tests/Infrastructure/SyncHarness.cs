using GitHubSimulator;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Health.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Health.Core.Tests.Infrastructure;

/// <summary>A real database (a SQLite file, or a PostgreSQL database of its own), the GitHub simulator on loopback, and the app's own service registration between them.</summary>
public sealed class SyncHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TestDatabase _database;

    private SyncHarness(IHost host, SimulatorServer server, TestDatabase database)
    {
        _host = host;
        Server = server;
        _database = database;
    }

    /// <summary>Worlds end at a fixed moment, so a seed always yields the same world.</summary>
    public static readonly DateTime WorldEnd = TestSimulator.WorldEnd;

    public SimulatorServer Server { get; }

    public World World => Server.World;

    public SimRepository Repo => World.Repositories[0];

    public RepositoryName Name => new(Repo.Owner, Repo.Name);

    public TestDatabase Database => _database;

    public RepositorySync Sync => _host.Services.GetRequiredService<RepositorySync>();

    public Health.Core.Tracking.RepositoryTracker Tracker => _host.Services.GetRequiredService<Health.Core.Tracking.RepositoryTracker>();

    public static async Task<SyncHarness> StartAsync(
        WorldOptions? world = null,
        Action<SimulatorOptions>? simulator = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? worldClock = null,
        TimeProvider? clientClock = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var server = await TestSimulator.StartAsync(world ?? new WorldOptions { Prs = 120, End = WorldEnd }, simulator, worldClock);
        var database = await TestDatabase.CreateAsync(provider);
        var directory = database.Directory;
        var config = FastSettings.For(server.BaseUri, database);

        // Core's sync waits out a limit a few seconds off inside the request (a secondary limit's Retry-After of a second, a
        // primary window of two): its fault tests check that wait, which the app's settings hand to the job queue instead.
        config["GitHub:MaxRateLimitWait"] = "00:00:05";
        config.With(settings);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (clientClock is not null)
        {
            // Health's own clock (token expiry, rate-limit resets, leases), when a test moves time for both sides.
            builder.Services.AddSingleton(clientClock);
        }

        builder.AddHealthCore();
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return new SyncHarness(host, server, database);
    }

    public T Service<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public HealthDb NewDb() => _host.Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContext();

    /// <summary>Tracks the world's first repository (if needed) and syncs it once.</summary>
    public async Task<SyncReport> SyncAsync(IProgress<SyncProgress>? progress = null, CancellationToken ct = default)
    {
        var repo = await Tracker.TrackAsync(Name, ct);
        return await Sync.SyncAsync(repo.Repository.Id, progress, ct);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await Server.DisposeAsync();
        await _database.DisposeAsync();
    }
}
