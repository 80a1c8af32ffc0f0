using Bunit;
using Bunit.TestDoubles;
using GitHubSimulator;
using Health.Core;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Web.Components;
using Health.Web.Endpoints;
using Health.Web.Tests.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Health.Web.Tests.Components.Repository;

/// <summary>
/// Once per test class: a simulator world synced into a real SQLite file (acme/widgets), a repository whose sync is running
/// (acme/busy), and the chart CSV endpoint on a test server over the same file. Each test renders in its own bUnit
/// context built on the app's Core services; the clock stands at <see cref="Now"/> everywhere.
/// </summary>
public sealed class RepositoryPageFixture : IAsyncLifetime
{
    public static readonly DateTime Now = new(2026, 11, 15, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _directory = Directory.CreateTempSubdirectory("health-repo-page-").FullName;
    private SimulatorServer? _server;
    private WebApplication? _web;

    public HttpClient Csv { get; private set; } = default!;

    private Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:Health"] = $"Data Source={Path.Combine(_directory, "health.db")}",
        ["GitHub:ApiUrl"] = _server!.BaseUri.ToString(),
        ["GitHub:RetryBaseDelay"] = "00:00:00.010",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(WorldGenerator.Generate(new WorldOptions { Prs = 60, End = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) }));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, DisableDefaults = true });
        Configure(builder);
        using (var host = builder.Build())
        {
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            var sync = host.Services.GetRequiredService<RepositorySync>();
            var tracked = await sync.TrackAsync(new RepositoryName("acme", "widgets"), CancellationToken.None);
            await sync.SyncAsync(tracked.Repository.Id, null, CancellationToken.None);
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync();
            var busy = new TrackedRepository { Owner = "acme", Name = "busy", FullNameKey = "acme/busy", GitHubId = 99 };
            db.Repositories.Add(busy);
            await db.SaveChangesAsync();
            db.SyncStatuses.Add(new SyncStatus { RepositoryId = busy.Id, State = SyncState.Running, Percent = 42.4, StartedAt = Now });
            await db.SaveChangesAsync();
        }

        var web = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _directory, EnvironmentName = "Development" });
        web.WebHost.UseTestServer();
        Configure(web);
        _web = web.Build();
        _web.MapChartExports();
        await _web.StartAsync();
        Csv = _web.GetTestClient();
    }

    /// <summary>A bUnit context over the fixture's database, interactive, with ApexChart's JS calls accepted.</summary>
    public PageContext NewContext()
    {
        var context = new PageContext();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, DisableDefaults = true });
        Configure(builder);
        builder.Services.AddSingleton(Options.Create(new DashboardOptions { RefreshInterval = TimeSpan.FromMilliseconds(50) }));
        foreach (var service in builder.Services)
        {
            context.Services.Add(service);
        }

        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder.
        }
    }

    private void Configure(IHostApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHealthCore();
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FixedClock(Now)));
    }

    /// <summary>A bUnit context with ApexChart's module calls accepted and the prerender-to-interactive state at hand.</summary>
    public sealed class PageContext : BunitContext
    {
        public PageContext()
        {
            JSInterop.Mode = JSRuntimeMode.Loose;
            State = AddBunitPersistentComponentState();
        }

        public BunitPersistentComponentState State { get; }
    }
}
