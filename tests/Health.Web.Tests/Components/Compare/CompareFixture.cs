using Bunit;
using GitHubSimulator;
using Health.Core;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
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

namespace Health.Web.Tests.Components.Compare;

/// <summary>
/// Once per test class: a simulator world of acme/widgets to acme/widgets-6 synced into a real SQLite file (acme/widgets-6
/// then untracked, its data kept), the chart
/// CSV endpoints on a test server over the same file, and the repositories' ids. Each test renders in its own bUnit
/// context built on the app's Core services; the clock stands at <see cref="Now"/> everywhere.
/// </summary>
public sealed class CompareFixture : IAsyncLifetime
{
    public static readonly DateTime Now = new(2026, 11, 15, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _directory = Directory.CreateTempSubdirectory("health-compare-").FullName;
    private SimulatorServer? _server;
    private WebApplication? _web;
    private IHost? _host;

    public HttpClient Csv { get; private set; } = default!;

    /// <summary>The ids of the synced repositories, by <c>owner/name</c>.</summary>
    public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, string?> Settings => new()
    {
        ["ConnectionStrings:Health"] = $"Data Source={Path.Combine(_directory, "health.db")}",
        ["GitHub:ApiUrl"] = _server!.BaseUri.ToString(),
        ["GitHub:RetryBaseDelay"] = "00:00:00.010",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(WorldGenerator.Generate(new WorldOptions { Prs = 120, ExtraRepositories = 5, End = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) }));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, DisableDefaults = true });
        Configure(builder);
        _host = builder.Build();
        await _host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var sync = _host.Services.GetRequiredService<RepositorySync>();
        foreach (var name in new[] { "widgets", "widgets-2", "widgets-3", "widgets-4", "widgets-5", "widgets-6" })
        {
            var tracked = await sync.TrackAsync(new RepositoryName("acme", name), CancellationToken.None);
            await sync.SyncAsync(tracked.Repository.Id, null, CancellationToken.None);
            Ids[$"acme/{name}"] = tracked.Repository.Id;
        }

        // acme/widgets-6 is no longer tracked, its data kept: it can still be compared by name, but is no part of "acme".
        await using (var db = await _host.Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync())
        {
            await db.Repositories.Where(r => r.Id == Ids["acme/widgets-6"]).ExecuteUpdateAsync(u => u.SetProperty(r => r.RemovedAt, Now));
        }

        var web = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _directory, EnvironmentName = "Development" });
        web.WebHost.UseTestServer();
        Configure(web);
        _web = web.Build();
        _web.MapChartExports();
        await _web.StartAsync();
        Csv = _web.GetTestClient();
    }

    /// <summary>Monthly metrics rows of a set of repositories over a range, straight from the metrics service.</summary>
    public Task<IReadOnlyList<MetricsRow>> RowsAsync(IReadOnlyCollection<int> ids, DateOnly from, DateOnly to) =>
        _host!.Services.GetRequiredService<MetricsService>().ForGroupAsync(ids, "x", PeriodKind.Month, from, to, CancellationToken.None);

    /// <summary>A bUnit context over the fixture's database, interactive, with ApexChart's JS calls accepted.</summary>
    public BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, DisableDefaults = true });
        Configure(builder);
        foreach (var service in builder.Services)
        {
            context.Services.Add(service);
        }

        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
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
}
