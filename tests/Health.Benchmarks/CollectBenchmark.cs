using System.Diagnostics;
using System.Globalization;
using Health.Core;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Health.Benchmarks;

/// <summary>
/// Issue "Collect": requests per 1,000 PRs of a backfill, an unchanged resync, wall time with 100 ms per request,
/// ingest rate with an instant server, and peak memory of this (Health) process — the simulator runs apart.
/// </summary>
internal static class CollectBenchmark
{
    public static async Task<int> RunAsync(int prs, int latencyPrs)
    {
        var rows = new List<(string Figure, string Value, string Target)>();
        await using (var sim = await SimulatorProcess.StartAsync("--port", "0", "--seed", "7", "--rate-limit", "1000000", "--prs", prs.ToString(CultureInfo.InvariantCulture)))
        {
            var (backfill, seconds) = await SyncOnceAsync(sim.BaseUri, fresh: true);
            var perThousand = backfill.Requests * 1000.0 / prs;
            rows.Add(($"backfill of {prs:N0} PRs: requests", backfill.Requests.ToString("N0", CultureInfo.InvariantCulture), string.Empty));
            rows.Add(("backfill: requests per 1,000 PRs", perThousand.ToString("N0", CultureInfo.InvariantCulture), "<= 1,100"));
            rows.Add(("backfill, instant server: PRs/s with children", (prs / seconds).ToString("N0", CultureInfo.InvariantCulture), ">= 1,000"));
            rows.Add(("backfill, instant server: wall time", $"{seconds:0.0} s", string.Empty));

            var (resync, _) = await SyncOnceAsync(sim.BaseUri, fresh: false);
            rows.Add(("unchanged resync: requests (304)", $"{resync.Requests} ({resync.NotModified})", "<= 5, all 304"));
        }

        rows.Add(("peak working set of the Health process", $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:0} MB", "< 300 MB"));

        await using (var slow = await SimulatorProcess.StartAsync("--port", "0", "--seed", "7", "--rate-limit", "1000000", "--prs", latencyPrs.ToString(CultureInfo.InvariantCulture), "--latency-ms", "100"))
        {
            var (_, seconds) = await SyncOnceAsync(slow.BaseUri, fresh: true);
            rows.Add(($"backfill, 100 ms per request ({latencyPrs:N0} PRs): time per 1,000 PRs", $"{seconds * 1000 / latencyPrs:0.0} s", "<= 30 s"));
        }

        Table.Print("Collect (issue 2)", rows);
        return 0;
    }

    private static string? _database;

    private static async Task<(SyncReport Report, double Seconds)> SyncOnceAsync(Uri api, bool fresh)
    {
        if (fresh || _database is null)
        {
            _database = Path.Combine(Directory.CreateTempSubdirectory("health-bench-").FullName, "health.db");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Path.GetDirectoryName(_database) });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Health"] = $"Data Source={_database}",
            ["GitHub:ApiUrl"] = api.ToString(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHealthCore();
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var sync = host.Services.GetRequiredService<RepositorySync>();
        var clock = Stopwatch.StartNew();
        var repo = await sync.TrackAsync(new RepositoryName("acme", "widgets"), CancellationToken.None);
        var report = await sync.SyncAsync(repo.Repository.Id, null, CancellationToken.None);
        clock.Stop();
        if (report.Outcome != SyncOutcome.Succeeded)
        {
            throw new InvalidOperationException($"sync {report.Outcome}: {report.Error}");
        }

        return (report, clock.Elapsed.TotalSeconds);
    }
}
