using System.Net;
using GitHubSimulator;
using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Core.Tracking;
using Health.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Browser.Tests.Infrastructure;

/// <summary>
/// The real app (Program) on Kestrel at a loopback port a browser can reach, over a SQLite file in a temp folder, with GitHub
/// played by the simulator over loopback. <see cref="FastSettings"/>, as for Health.Web.Tests' AppHarness: short
/// polling intervals, so tests wait on state, and a yearly schedule, so no recurring sync fires during a run.
/// </summary>
public sealed class KestrelApp : IAsyncDisposable
{
    /// <summary>
    /// The end of the simulated history: the start of the current month (UTC). The pages show the months before "now" on the
    /// app's real clock, so a history fixed once and for all would drift out of them; this one always fills them, with the
    /// same world (same options and seed) shifted to the month.
    /// </summary>
    public static readonly DateTime WorldEnd = new(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Factory _factory;

    private KestrelApp(SimulatorServer simulator, string directory, Factory factory, Uri baseUri)
    {
        Simulator = simulator;
        Directory = directory;
        _factory = factory;
        BaseUri = baseUri;
    }

    public SimulatorServer Simulator { get; }

    public string Directory { get; }

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    public IServiceProvider Services => _factory.Services;

    /// <param name="world">The simulated GitHub world.</param>
    /// <param name="settings">Configuration beyond (or instead of) the fixture's own, e.g. an SMTP server for reports.</param>
    public static async Task<KestrelApp> StartAsync(WorldOptions world, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var simulator = await TestSimulator.StartAsync(world);
        var directory = System.IO.Directory.CreateTempSubdirectory("health-browser-").FullName;
        var all = FastSettings.For(simulator.BaseUri, directory);
        all["Reports:AllowPrivateWebhooks"] = "true"; // the tests' webhook receivers listen on loopback
        all.With(settings);

        var factory = new Factory(all);

        // A real socket on loopback only (the browser is another process); port 0 lets the OS pick a free one.
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new KestrelApp(simulator, directory, factory, new Uri(address.TrimEnd('/') + "/"));
    }

    public HealthDb NewDb() => Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContext();

    /// <summary>The absolute address of a path of the app, e.g. <c>Url("/repositories")</c>.</summary>
    public string Url(string path) => new Uri(BaseUri, path.TrimStart('/')).ToString();

    /// <summary>
    /// Tracks every repository of <paramref name="owner"/> through the app's own catalog (as the repositories page does), then
    /// waits until each has synced: the database, not a sleep, says when.
    /// </summary>
    public async Task<IReadOnlyList<string>> TrackAndSyncAsync(string owner, TimeSpan timeout)
    {
        var result = await Services.GetRequiredService<RepositoryCatalog>().AddAsync(owner, CancellationToken.None);
        if (!result.Succeeded || result.Added.Count == 0)
        {
            throw new InvalidOperationException($"Tracking {owner} failed: {result.Describe()}");
        }

        await WaitUntilIdleAsync(timeout);
        return result.Added;
    }

    /// <summary>Waits until every tracked repository has a sync status and all of them are idle; a failed sync fails at once.</summary>
    public Task WaitUntilIdleAsync(TimeSpan timeout)
    {
        var last = "no repository read yet";
        return Eventually.TrueAsync(
            async () =>
            {
                await using var db = NewDb();
                var tracked = await db.Repositories.AsNoTracking().Where(r => r.RemovedAt == null).Select(r => new { r.Id, r.Owner, r.Name }).ToListAsync();
                var states = await db.SyncStatuses.AsNoTracking().ToDictionaryAsync(s => s.RepositoryId, s => new { s.State, s.LastError });
                var failed = tracked.Where(r => states.TryGetValue(r.Id, out var s) && s.State == SyncState.Failed).ToList();
                if (failed.Count > 0)
                {
                    throw new InvalidOperationException($"The sync of {string.Join(", ", failed.Select(r => $"{r.Owner}/{r.Name} ({states[r.Id].LastError})"))} failed.");
                }

                last = string.Join(", ", tracked.Select(r => $"{r.Owner}/{r.Name} {(states.TryGetValue(r.Id, out var s) ? s.State : "no status")}"));
                return tracked.All(r => states.TryGetValue(r.Id, out var s) && s.State == SyncState.Idle);
            },
            () => $"every repository to be synced ({last})",
            timeout);
    }

    /// <summary>
    /// Schedules a weekly report of <paramref name="repository"/> to <paramref name="webhookUrl"/> and sends a test of it,
    /// through the app's own catalog (as the reports page does), then waits until the database says it was delivered.
    /// </summary>
    /// <returns>The archived report's id.</returns>
    public async Task<int> MakeReportAsync(string repository, string webhookUrl, TimeSpan timeout)
    {
        var reports = Services.GetRequiredService<ReportCatalog>();
        var input = new ReportScheduleInput { Name = $"Weekly {repository}", Scope = repository, Period = PeriodKind.Week, WebhookUrl = webhookUrl };
        var (scheduleId, error) = await reports.SaveAsync(null, input, CancellationToken.None);
        var (runId, testError) = scheduleId is { } id ? await reports.SendTestAsync(id, CancellationToken.None) : (null, error);
        if (runId is not { } run)
        {
            throw new InvalidOperationException($"The report of {repository} could not be made: {testError}");
        }

        var last = "no delivery yet";
        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = NewDb();
                var deliveries = await db.ReportDeliveries.AsNoTracking().Where(d => d.RunId == run).ToListAsync();
                last = string.Join(", ", deliveries.Select(d => $"{d.Channel} {d.State} {d.LastError}"));
                return deliveries.Count > 0 && deliveries.All(d => d.State == DeliveryState.Delivered);
            },
            () => $"report #{run} to be delivered ({last})",
            timeout);
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Simulator.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the temp folder is cleaned by the OS.
        }
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
