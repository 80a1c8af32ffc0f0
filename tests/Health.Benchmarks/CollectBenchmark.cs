using System.Globalization;

namespace Health.Benchmarks;

/// <summary>
/// Issues "Collect" and "Collect through GraphQL": for each world size, REST and GraphQL side by side — requests and
/// GraphQL points per 1,000 PRs of a backfill, an unchanged resync, PRs per second with an instant server, peak memory —
/// and the wall time per 1,000 PRs with 100 ms per request. Each figure is measured on the real executable's
/// <c>sync</c> verb, with the simulator in a process of its own.
/// </summary>
internal static class CollectBenchmark
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(IReadOnlyList<int> sizes, int latencyPrs)
    {
        var rows = new List<(string Figure, string Value, string Target)>();
        var folder = Directory.CreateTempSubdirectory("health-bench-").FullName;
        try
        {
            foreach (var prs in sizes)
            {
                await using var sim = await SimulatorProcess.StartAsync(
                    "--port", "0", "--seed", "7", "--rate-limit", "10000000", "--graphql-rate-limit", "10000000", "--prs", prs.ToString(C));
                foreach (var mode in new[] { "Rest", "GraphQL" })
                {
                    var database = Path.Combine(folder, $"instant-{prs}-{mode}.db");
                    var backfill = await SyncProcess.RunAsync(sim.BaseUri, database, mode: mode == "GraphQL" ? "Auto" : mode);
                    var resync = await SyncProcess.RunAsync(sim.BaseUri, database, mode: mode == "GraphQL" ? "Auto" : mode);
                    var graphQL = mode == "GraphQL";
                    var label = $"{mode}, {prs:N0} PRs";
                    rows.Add(($"{label}: backfill requests (GraphQL queries)", $"{backfill.Requests.ToString("N0", C)} ({backfill.GraphQLRequests.ToString("N0", C)})", string.Empty));
                    rows.Add(($"{label}: requests per 1,000 PRs", PerThousand(backfill.Requests, prs), graphQL ? "<= 50, goal 20" : string.Empty));
                    rows.Add(($"{label}: GraphQL points per 1,000 PRs", graphQL ? PerThousand(backfill.Points, prs) : "-", graphQL ? "<= 200" : string.Empty));
                    rows.Add(($"{label}: PRs/s with their children, instant server", (prs / backfill.Seconds).ToString("N0", C), ">= 1,000"));
                    rows.Add(($"{label}: peak resident memory of the sync process", string.Create(C, $"{backfill.PeakMegabytes:0} MB"), "< 300 MB, flat with size"));
                    rows.Add(($"{label}: unchanged resync{(graphQL ? " (Auto)" : string.Empty)}: requests (of which 304)", $"{resync.Requests} ({resync.NotModified})", "<= 5, all 304"));
                }
            }

            await using var slow = await SimulatorProcess.StartAsync(
                "--port", "0", "--seed", "7", "--rate-limit", "10000000", "--graphql-rate-limit", "10000000", "--prs", latencyPrs.ToString(C), "--latency-ms", "100");
            foreach (var mode in new[] { "Rest", "GraphQL" })
            {
                var result = await SyncProcess.RunAsync(slow.BaseUri, Path.Combine(folder, $"slow-{mode}.db"), mode: mode);
                rows.Add(($"{mode}, 100 ms per request ({latencyPrs:N0} PRs): time per 1,000 PRs", string.Create(C, $"{result.Seconds * 1000 / latencyPrs:0.0} s"), mode == "GraphQL" ? "<= 5 s" : "<= 30 s"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Table.Print("Collect: REST and GraphQL (issues 2 and 11)", rows);
        return 0;
    }

    private static string PerThousand(int count, int prs) => (count * 1000.0 / prs).ToString("N1", C);
}
