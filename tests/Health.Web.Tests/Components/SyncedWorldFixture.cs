using Health.Web.Access;
using Bunit;
using GitHubSimulator;
using Health.Core;
using Health.Core.Storage;
using Health.Testing;
using Health.Web.Components;
using Health.Web.Endpoints;
using Health.Web.Tests.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Health.Web.Tests.Components;

/// <summary>
/// Once per test class: a simulator world served over loopback, a real SQLite file seeded from it by the class's
/// <see cref="SeedAsync"/> (through the app's Core services), and the chart CSV endpoints on a test server over the same
/// file. Each test renders in its own bUnit context built on the same services; the clock stands at <see cref="Now"/>.
/// </summary>
public abstract class SyncedWorldFixture : IAsyncLifetime
{
    public static readonly DateTime Now = new(2026, 11, 15, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _directory = Directory.CreateTempSubdirectory("health-pages-").FullName;
    private SimulatorServer? _server;
    private WebApplication? _web;
    private IHost? _host;

    /// <summary>The chart CSV endpoints, over the seeded file.</summary>
    public HttpClient Csv { get; private set; } = default!;

    /// <summary>The app's Core services over the seeded file (the clock at <see cref="Now"/>).</summary>
    protected IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The fixture has not started.");

    private Dictionary<string, string?> Settings => FastSettings.For(_server!.BaseUri, _directory);

    public async Task InitializeAsync()
    {
        _server = await TestSimulator.StartAsync(World());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, DisableDefaults = true });
        Configure(builder);
        _host = builder.Build();
        await _host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await SeedAsync(_host.Services);

        var web = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _directory, EnvironmentName = "Development" });
        web.WebHost.UseTestServer();
        Configure(web);
        web.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Access:DownloadsPerMinute"] = "100000" });
        web.AddAccess(); // the chart CSVs are for readers (anyone, by default), limited per client
        _web = web.Build();
        _web.UseAccess();
        _web.MapChartExports();
        await _web.StartAsync();
        Csv = _web.GetTestClient();
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

    /// <summary>The world the simulator serves.</summary>
    protected abstract WorldOptions World();

    /// <summary>Fills the database (tracking and syncing through <paramref name="services"/>, or writing rows directly).</summary>
    protected abstract Task SeedAsync(IServiceProvider services);

    /// <summary>A bUnit context over the fixture's database, interactive, with ApexChart's JS calls accepted and a 50 ms live refresh.</summary>
    protected T NewContext<T>()
        where T : BunitContext, new()
    {
        var context = new T();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
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

    private void Configure(IHostApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHealthCore();
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FixedClock(Now)));
    }
}
