using System.Globalization;

namespace Health.Benchmarks;

/// <summary>
/// Issue "Collect": requests per 1,000 PRs of a backfill, an unchanged resync, wall time with 100 ms per request,
/// ingest rate with an instant server, and peak memory — each measured on the real executable's <c>sync</c> verb,
/// with the simulator in a process of its own.
/// </summary>
internal static class CollectBenchmark
{
    public static async Task<int> RunAsync(int prs, int latencyPrs)
    {
        var rows = new List<(string Figure, string Value, string Target)>();
        var c = CultureInfo.InvariantCulture;
        var folder = Directory.CreateTempSubdirectory("health-bench-").FullName;
        try
        {
            await using (var sim = await SimulatorProcess.StartAsync("--port", "0", "--seed", "7", "--rate-limit", "1000000", "--prs", prs.ToString(c)))
            {
                var database = Path.Combine(folder, "instant.db");
                var backfill = await SyncProcess.RunAsync(sim.BaseUri, database);
                rows.Add(($"backfill of {prs:N0} PRs: requests", backfill.Requests.ToString("N0", c), string.Empty));
                rows.Add(("backfill: requests per 1,000 PRs", (backfill.Requests * 1000.0 / prs).ToString("N0", c), "<= 1,100"));
                rows.Add(("backfill, instant server: sync time", string.Create(c, $"{backfill.Seconds:0.0} s"), string.Empty));
                rows.Add(("backfill, instant server: PRs/s with their children", (prs / backfill.Seconds).ToString("N0", c), ">= 1,000"));
                rows.Add(("backfill: peak resident memory of the sync process", string.Create(c, $"{backfill.PeakMegabytes:0} MB"), "< 300 MB"));

                var resync = await SyncProcess.RunAsync(sim.BaseUri, database);
                rows.Add(("unchanged resync: requests (of which 304)", $"{resync.Requests} ({resync.NotModified})", "<= 5, all 304"));
            }

            await using (var slow = await SimulatorProcess.StartAsync("--port", "0", "--seed", "7", "--rate-limit", "1000000", "--prs", latencyPrs.ToString(c), "--latency-ms", "100"))
            {
                var result = await SyncProcess.RunAsync(slow.BaseUri, Path.Combine(folder, "slow.db"));
                rows.Add(($"backfill, 100 ms per request ({latencyPrs:N0} PRs): time per 1,000 PRs", string.Create(c, $"{result.Seconds * 1000 / latencyPrs:0.0} s"), "<= 30 s"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Table.Print("Collect (issue 2)", rows);
        return 0;
    }
}
