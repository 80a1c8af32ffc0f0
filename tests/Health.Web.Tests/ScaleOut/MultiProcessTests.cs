using System.Diagnostics;
using System.Net;
using GitHubSimulator;
using Hangfire.Storage;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Testing;
using Health.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Health.Web.Tests.ScaleOut;

/// <summary>
/// The scaled set-up as the README gives it: one web and two worker processes of the real executable on one PostgreSQL database,
/// GitHub played by the simulator over loopback. Every sync is triggered once and runs once, whichever worker takes it; a worker
/// killed (SIGKILL) in the middle of a backfill loses nothing: after the invisibility timeout the other worker takes the job over.
/// </summary>
public sealed class MultiProcessTests(ITestOutputHelper output)
{
    private const int SmallRepositories = 8;
    private const int BigPullRequests = 200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task WebAndTwoWorkers_OneDatabase_EachSyncRunsOnce_AKilledWorkersBackfillIsTakenOver()
    {
        var clock = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var simulator = await TestSimulator.StartAsync(new WorldOptions { Prs = BigPullRequests, ExtraRepositories = SmallRepositories + 4, End = TestSimulator.WorldEnd });
        var world = simulator.World;
        var big = world.Repositories[0];
        var small = world.Repositories.Skip(1).Where(r => !r.Private).Take(SmallRepositories).ToList();
        Assert.Equal(SmallRepositories, small.Count);

        // The big repository (declared last, so its sync is queued last) answers slowly, 200 ms a request, until a worker has been
        // killed in its backfill: the backfill is still under way when the small repositories are done.
        simulator.Options.Faults.Add(new FaultRule(FaultKind.Timeout, PathContains: $"/repos/{big.FullName}/") { Delay = TimeSpan.FromMilliseconds(200) });

        // One configuration for every process (the README's scaled set-up); only the role and the address differ. Over the fast
        // settings: two workers of two job slots each, with two GitHub requests at a time, as on a small scaled machine; the
        // shortest invisibility timeout, so the killed worker's job is handed on soon; a slower refresh (three processes on two cores).
        var settings = FastSettings.For(simulator.BaseUri, database).With(new Dictionary<string, string?>
        {
            ["GitHub:Concurrency"] = "2",
            ["Jobs:Workers"] = "2",
            ["Jobs:InvisibilityTimeout"] = "00:00:05",
            ["Dashboard:RefreshInterval"] = "00:00:00.250",
        });
        var declared = small.Append(big).Select(r => r.FullName).ToList();
        for (var i = 0; i < declared.Count; i++)
        {
            settings[$"Health:Repositories:{i}"] = declared[i];
        }

        var processes = new List<AppProcess>();
        try
        {
            // Two workers start together on a new database: both migrate it and install the job tables, one at a time.
            var workerSettings = With(settings, ("Health:Roles:0", "worker"));
            var workers = await Task.WhenAll(AppProcess.StartAsync("worker-1", workerSettings, Deadline), AppProcess.StartAsync("worker-2", workerSettings, Deadline));
            processes.AddRange(workers);
            var jobs = PostgresJobStorage.Create(database.ConnectionString, new JobsOptions()).GetMonitoringApi();
            await Eventually.TrueAsync(() => jobs.Servers().Count == 2, "both workers' job servers", Deadline);
            foreach (var worker in workers)
            {
                await AssertServesOnlyHealthAsync(worker);
            }

            output.WriteLine($"{clock.Elapsed}: workers up");

            // The web starts and queues the reconciliation with Health:Repositories; a worker tracks the nine repositories and
            // queues each one's first sync; the workers share them.
            var web = await AppProcess.StartAsync("web", With(settings, ("Health:Roles:0", "web")), Deadline);
            processes.Add(web);
            using (var client = web.CreateClient())
            using (var page = await client.GetAsync(new Uri("/", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            }

            var smallIds = await WaitForTrackedAsync(database, [.. small.Select(r => r.FullName)]);
            var bigId = Assert.Single(await WaitForTrackedAsync(database, [big.FullName]));
            await WaitForIdleAsync(database, smallIds);
            await Eventually.TrueAsync(() => SyncJobs(jobs, smallIds).Count(j => j.State == "Succeeded") == SmallRepositories, "every small repository's sync job to succeed", Deadline);
            output.WriteLine($"{clock.Elapsed}: {SmallRepositories} repositories synced");

            // A worker is killed (SIGKILL) in the middle of the big repository's backfill.
            var (victimPid, committed) = await WaitForBackfillUnderWayAsync(database, bigId);
            var victim = Assert.Single(workers, w => w.Id == victimPid);
            var survivor = Assert.Single(workers, w => w != victim);
            await victim.KillAsync();
            var killedAt = DateTime.UtcNow;
            simulator.Options.Faults.Clear();
            output.WriteLine($"{clock.Elapsed}: killed {victim.Name} with {committed} of {BigPullRequests} pull requests committed");
            await using (var db = Open(database))
            {
                Assert.InRange(await db.PullRequests.CountAsync(p => p.RepositoryId == bigId), 1, BigPullRequests - 1);
            }

            // Every small repository was synced by exactly one job, run once, on either worker; the data equal the world.
            var runs = SyncJobs(jobs, smallIds);
            Assert.All(smallIds, id => Assert.Single(runs, j => j.RepositoryId == id));
            Assert.All(runs, j => Assert.Single(j.Servers));
            Assert.All(runs, j => Assert.StartsWith("synced ", j.Result, StringComparison.Ordinal));
            var ranOn = runs.SelectMany(j => j.Servers).ToHashSet();
            Assert.True(workers.All(w => ranOn.Contains(w.Id)), $"both workers ran syncs (ran on {string.Join(", ", ranOn)})");
            await using (var db = Open(database))
            {
                foreach (var repo in small)
                {
                    await WorldAssert.DatabaseEqualsWorldAsync(db, world, repo);
                }
            }

            // After the invisibility timeout the survivor takes the killed worker's job over and finishes the backfill.
            await WaitForIdleAsync(database, [bigId]);
            await Eventually.TrueAsync(() => SyncJobs(jobs, [bigId]).Any(j => j.State == "Succeeded"), "the big repository's sync job to succeed", Deadline);
            output.WriteLine($"{clock.Elapsed}: {survivor.Name} finished the backfill");

            var takenOver = Assert.Single(SyncJobs(jobs, [bigId]));
            Assert.Equal([victim.Id, survivor.Id], takenOver.Servers); // run by the victim, then once more by the survivor

            // The victim held the job longer than the invisibility timeout without losing it (its first page alone takes 10 s
            // at 200 ms a request): the timeout slides while a worker lives, and only a dead worker's job is handed on.
            Assert.True(killedAt - takenOver.Started[0] > TimeSpan.FromSeconds(5), $"the victim ran the job for {killedAt - takenOver.Started[0]} only");
            Assert.StartsWith("synced ", takenOver.Result, StringComparison.Ordinal);
            Assert.Equal(0, jobs.FailedCount());
            await using (var db = Open(database))
            {
                await WorldAssert.DatabaseEqualsWorldAsync(db, world, big);
            }

            output.WriteLine($"{clock.Elapsed}: done");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{e.Message}\n{string.Join('\n', processes.Select(p => p.Output))}", e);
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static async Task AssertServesOnlyHealthAsync(AppProcess worker)
    {
        using var client = worker.CreateClient();
        using (var health = await client.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        foreach (var path in new[] { "/", "/repositories" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{worker.Name} {path}: {response.StatusCode}");
        }
    }

    private static async Task<List<int>> WaitForTrackedAsync(TestDatabase database, IReadOnlyList<string> names)
    {
        var keys = names.Select(n => n.ToLowerInvariant()).ToList();
        List<int> ids = [];
        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = Open(database);
                ids = await db.Repositories.Where(r => keys.Contains(r.FullNameKey) && r.RemovedAt == null).Select(r => r.Id).ToListAsync();
                return ids.Count == keys.Count;
            },
            $"{keys.Count} repositories to be tracked",
            Deadline);
        return ids;
    }

    private static Task WaitForIdleAsync(TestDatabase database, List<int> ids) => Eventually.TrueAsync(
        async () =>
        {
            await using var db = Open(database);
            var states = await db.SyncStatuses.Where(s => ids.Contains(s.RepositoryId)).ToListAsync();
            var failed = states.FirstOrDefault(s => s.State == SyncState.Failed);
            return failed is null
                ? states.Count == ids.Count && states.All(s => s.State == SyncState.Idle)
                : throw new InvalidOperationException($"the sync of repository #{failed.RepositoryId} failed: {failed.LastError}");
        },
        $"{ids.Count} repositories to be synced",
        Deadline);

    /// <summary>Waits until the backfill has committed pages and a worker holds its lease; that worker's process id and the pull requests so far.</summary>
    private static async Task<(int Pid, int Committed)> WaitForBackfillUnderWayAsync(TestDatabase database, int repositoryId)
    {
        (int, int) found = default;
        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = Open(database);
                var status = await db.SyncStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.RepositoryId == repositoryId);
                if (status is not { State: SyncState.Running, LeaseOwner: { } owner })
                {
                    return status?.State is SyncState.Idle or SyncState.Failed
                        ? throw new InvalidOperationException($"the backfill ended ({status.State}) before it could be cut")
                        : false;
                }

                var committed = await db.PullRequests.CountAsync(p => p.RepositoryId == repositoryId);
                found = (int.Parse(owner.Split(':')[^2], System.Globalization.CultureInfo.InvariantCulture), committed);
                return committed > 0;
            },
            "the big repository's backfill to commit its first pages",
            Deadline);
        return found;
    }

    /// <param name="Servers">The worker process of each Processing state, oldest first.</param>
    /// <param name="Started">When each Processing state began, oldest first.</param>
    private sealed record SyncRun(string JobId, int RepositoryId, string State, string Result, List<int> Servers, List<DateTime> Started);

    /// <summary>Every sync job of these repositories in the job storage, with the worker processes that ran it (one per Processing state).</summary>
    private static List<SyncRun> SyncJobs(IMonitoringApi jobs, List<int> ids)
    {
        var all = jobs.SucceededJobs(0, 10_000).Select(j => (j.Key, j.Value.Job, State: "Succeeded"))
            .Concat(jobs.ProcessingJobs(0, 10_000).Select(j => (j.Key, j.Value.Job, State: "Processing")))
            .Concat(jobs.EnqueuedJobs("default", 0, 10_000).Select(j => (j.Key, j.Value.Job, State: "Enqueued")))
            .Concat(jobs.FailedJobs(0, 10_000).Select(j => (j.Key, j.Value.Job, State: "Failed")))
            .Concat(jobs.ScheduledJobs(0, 10_000).Select(j => (j.Key, j.Value.Job, State: "Scheduled")));
        return all
            .Where(j => j.Job?.Type == typeof(SyncJob) && ids.Contains((int)j.Job.Args[0]))
            .Select(j =>
            {
                var details = jobs.JobDetails(j.Key);
                var processing = details.History.Where(h => h.StateName == "Processing").OrderBy(h => h.CreatedAt).ToList();
                var servers = processing.Select(h => int.Parse(h.Data["ServerId"].Split(':')[^2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var result = details.History.FirstOrDefault(h => h.StateName == "Succeeded")?.Data.TryGetValue("Result", out var r) == true ? System.Text.Json.JsonSerializer.Deserialize<string>(r) ?? string.Empty : string.Empty;
                return new SyncRun(j.Key, (int)j.Job.Args[0], j.State, result, servers, [.. processing.Select(h => h.CreatedAt)]);
            })
            .ToList();
    }

    private static HealthDb Open(TestDatabase database) =>
        new(new DbContextOptionsBuilder<HealthDb>().UseNpgsql(database.ConnectionString, n => n.MigrationsAssembly(StorageSetup.PostgresMigrationsAssembly)).Options);

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, params (string Key, string Value)[] more)
    {
        var result = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in more)
        {
            result[key] = value;
        }

        return result;
    }
}
