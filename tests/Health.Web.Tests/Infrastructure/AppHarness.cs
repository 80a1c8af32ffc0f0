using System.Net;
using GitHubSimulator;
using Hangfire;
using Hangfire.Storage;
using Health.Core.Storage;
using Health.Core.Tracking;
using Health.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Infrastructure;

/// <summary>
/// The whole app (web host on Kestrel, Hangfire server and its storage) on a real SQLite file in a temp folder, with GitHub
/// played by the simulator over loopback. <see cref="FastSettings"/>: short polling intervals so tests wait on state, never on sleeps. Requests go over
/// real sockets (loopback by default), so the app judges them as it judges any client's.
/// </summary>
public sealed class AppHarness : IAsyncDisposable
{
    public static readonly DateTime WorldEnd = TestSimulator.WorldEnd;

    private readonly Action<IWebHostBuilder>? _configure;
    private readonly IPAddress _listen;
    private WebApplicationFactory<Program>? _factory;

    private AppHarness(SimulatorServer server, string directory, Action<IWebHostBuilder>? configure, IPAddress listen)
    {
        Server = server;
        Directory = directory;
        _configure = configure;
        _listen = listen;
    }

    /// <summary>Where the app listens now, e.g. <c>http://127.0.0.1:41234/</c> (a new port after each start).</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public SimulatorServer Server { get; }

    public string Directory { get; }

    public World World => Server.World;

    public SimRepository Repo => World.Repositories[0];

    public Dictionary<string, string?> Settings { get; } = [];

    public IServiceProvider Services => (_factory ?? throw new InvalidOperationException("The app is not running.")).Services;

    public RepositoryCatalog Catalog => Services.GetRequiredService<RepositoryCatalog>();

    public JobStorage Jobs => Services.GetRequiredService<JobStorage>();

    /// <param name="world">The simulated GitHub world; 80 PRs of acme/widgets ending at <see cref="WorldEnd"/> by default.</param>
    /// <param name="simulator">Changes to the simulator's behaviour (latency, faults, limits).</param>
    /// <param name="settings">Configuration beyond (or instead of) <see cref="FastSettings"/>.</param>
    /// <param name="configure">More changes to the host, at every start (e.g. a logger provider that keeps what is logged).</param>
    /// <param name="listen">The address Kestrel listens on (a free port); loopback by default.</param>
    public static async Task<AppHarness> StartAsync(
        WorldOptions? world = null,
        Action<SimulatorOptions>? simulator = null,
        IDictionary<string, string?>? settings = null,
        Action<IWebHostBuilder>? configure = null,
        IPAddress? listen = null)
    {
        var server = await TestSimulator.StartAsync(world ?? new WorldOptions { Prs = 80, End = WorldEnd }, simulator);
        var harness = new AppHarness(server, System.IO.Directory.CreateTempSubdirectory("health-app-").FullName, configure, listen ?? IPAddress.Loopback);
        harness.Settings.With(FastSettings.For(server.BaseUri, harness.Directory)).With(settings);
        harness.Start();
        return harness;
    }

    /// <summary>Starts (or restarts, after <see cref="StopAsync"/>) the app on the same database with the current <see cref="Settings"/>.</summary>
    public void Start()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in Settings)
            {
                b.UseSetting(key, value);
            }

            _configure?.Invoke(b);
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(_listen, 0));
        _factory.StartServer(); // starts the host: migrations, recurring jobs rebuilt, Hangfire server running
        var address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First(a => !a.Contains("unix:", StringComparison.Ordinal));
        BaseUri = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
    }

    /// <summary>A client of the running app over loopback (the app's own Kestrel socket); it follows redirects and keeps cookies.</summary>
    public HttpClient CreateClient() => _factory is null
        ? throw new InvalidOperationException("The app is not running.")
        : new HttpClient { BaseAddress = BaseUri };

    public HealthDb NewDb() => Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContext();

    public async Task<int> RepositoryIdAsync(string fullName)
    {
        var key = fullName.ToLowerInvariant();
        await using var db = NewDb();
        return await db.Repositories.Where(r => r.FullNameKey == key).Select(r => r.Id).SingleAsync();
    }

    public IReadOnlyList<string> RecurringJobIds()
    {
        using var connection = Jobs.GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }

    /// <summary>Results of the jobs that succeeded (what <c>SyncJob</c> returned), newest first.</summary>
    public IReadOnlyList<string> SucceededResults() =>
        Jobs.GetMonitoringApi().SucceededJobs(0, 1000)
            .Select(j => j.Value.Result is string json ? System.Text.Json.JsonSerializer.Deserialize<string>(json) ?? string.Empty : string.Empty)
            .ToList();

    /// <summary>The repository's sync status and the job storage's counts, for a timeout message.</summary>
    public async Task<string> DescribeAsync(int repositoryId)
    {
        await using var db = NewDb();
        var s = await db.SyncStatuses.AsNoTracking().SingleOrDefaultAsync(x => x.RepositoryId == repositoryId);
        var m = Jobs.GetMonitoringApi();
        var failed = m.FailedJobs(0, 5).Select(j => j.Value.ExceptionMessage);
        return s is null
            ? $"No status row. Jobs: {m.GetStatistics().Succeeded} succeeded, {m.FailedCount()} failed ({string.Join(" | ", failed)}), {m.ScheduledCount()} scheduled."
            : $"Status: {s.State}, {s.Percent}%, error '{s.LastError}', lease {s.LeaseOwner} until {s.LeaseUntil:O}, reset {s.RateLimitResetAt:O}. Jobs: {m.GetStatistics().Succeeded} succeeded, {m.FailedCount()} failed ({string.Join(" | ", failed)}), {m.ScheduledCount()} scheduled, {m.GetStatistics().Enqueued} enqueued; results: {string.Join(" | ", SucceededResults().Take(5))}";
    }

    public async Task AssertDatabaseEqualsWorldAsync(SimRepository repo)
    {
        await using var db = NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, World, repo);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the temp folder is cleaned by the OS.
        }
    }
}
