using GitHubSimulator;
using Hangfire;
using Hangfire.Storage;
using Health.Core.Storage;
using Health.Core.Tests.Infrastructure;
using Health.Core.Tracking;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Infrastructure;

/// <summary>
/// The whole app (web host, Hangfire server and its storage) on a real SQLite file in a temp folder, with GitHub played by the
/// simulator over loopback. Short polling intervals so tests wait on state, never on sleeps.
/// </summary>
public sealed class AppHarness : IAsyncDisposable
{
    public static readonly DateTime WorldEnd = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly Action<IWebHostBuilder>? _configure;
    private WebApplicationFactory<Program>? _factory;

    private AppHarness(SimulatorServer server, string directory, Action<IWebHostBuilder>? configure)
    {
        Server = server;
        Directory = directory;
        _configure = configure;
    }

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
    /// <param name="settings">Configuration beyond (or instead of) the harness's own.</param>
    /// <param name="configure">More changes to the host, at every start (e.g. a logger provider that keeps what is logged).</param>
    public static async Task<AppHarness> StartAsync(
        WorldOptions? world = null,
        Action<SimulatorOptions>? simulator = null,
        IDictionary<string, string?>? settings = null,
        Action<IWebHostBuilder>? configure = null)
    {
        var simOptions = new SimulatorOptions();
        simulator?.Invoke(simOptions);
        var server = await SimulatorServer.StartAsync(WorldGenerator.Generate(world ?? new WorldOptions { Prs = 80, End = WorldEnd }), simOptions);
        var harness = new AppHarness(server, System.IO.Directory.CreateTempSubdirectory("health-app-").FullName, configure);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["ConnectionStrings:Health"] = $"Data Source={Path.Combine(harness.Directory, "health.db")}",
            ["Jobs:SqlitePath"] = Path.Combine(harness.Directory, "jobs.db"),
            ["Jobs:PollInterval"] = "00:00:00.100",
            ["Jobs:Workers"] = "3",
            ["Jobs:RetryDelay"] = "00:00:00.200",
            ["Dashboard:RefreshInterval"] = "00:00:00.100",
            ["Health:DefaultCron"] = "0 0 1 1 *", // yearly: a recurring sync never fires in the middle of a test
            ["GitHub:ApiUrl"] = server.BaseUri.ToString(),
            ["GitHub:RetryBaseDelay"] = "00:00:00.010",
            ["GitHub:SecondaryLimitDefaultWait"] = "00:00:00.100",
            ["GitHub:RequestTimeout"] = "00:00:10",
            ["GitHub:MaxRateLimitWait"] = "00:00:00",
            ["GitHub:ExtraBotLogins:0"] = "ci-helper",
            ["Logging:LogLevel:Default"] = "Warning",
        })
        {
            harness.Settings[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            harness.Settings[key] = value;
        }

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
        _ = _factory.Server; // starts the host: migrations, recurring jobs rebuilt, Hangfire server running
    }

    public async Task StopAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
    }

    public HttpClient CreateClient() => (_factory ?? throw new InvalidOperationException("The app is not running.")).CreateClient();

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
