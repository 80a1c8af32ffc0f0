using System.Diagnostics;
using System.Globalization;
using GitHubSimulator;
using Health.Core;
using Health.Core.Export;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Health.Benchmarks;

/// <summary>
/// Issue "Measure": a seeded world loaded into SQLite, then the time to derive the facts after a sync (once per sync),
/// to compute the monthly metrics (cold and warm), the weekly ones and the metrics CSV, and the memory it takes.
/// Everything runs in this process, on the real services (<see cref="MetricsService"/>, <see cref="DerivedFacts"/>,
/// <see cref="MetricsCsv"/>); sub-steps of the warm computation are timed apart to show where the time goes.
/// </summary>
internal static class MeasureBenchmark
{
    private const int Repeats = 5;

    /// <summary>The end of the simulated history, and the clock of the metrics: runs are comparable whatever the date.</summary>
    private static readonly DateTime End = new(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<int> RunAsync(int prs)
    {
        var c = CultureInfo.InvariantCulture;
        var ct = CancellationToken.None;
        var rows = new List<(string Figure, string Value, string Target)>();
        var issues = prs / 5;
        var folder = Directory.CreateTempSubdirectory("health-measure-").FullName;
        try
        {
            var database = Path.Combine(folder, "measure.db");
            var extraBots = new[] { "ci-helper" };
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = folder });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Health"] = $"Data Source={database}",
                ["GitHub:ExtraBotLogins:0"] = extraBots[0],

                // Room for the whole repository's facts (a PR, an issue, a review or an activity day a row: ~10 per PR here),
                // as a deployment of a repository this size would set it; the default (4,000,000) holds 100,000 PRs.
                ["Metrics:CacheRows"] = Math.Max(4_000_000, prs * 12L).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            builder.Services.AddSingleton<TimeProvider>(new FixedClock(End));
            builder.AddHealthCore();
            using var host = builder.Build();
            var services = host.Services;
            var dbFactory = services.GetRequiredService<IDbContextFactory<HealthDb>>();
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);

            // The world lives only inside this call: what follows is what a running Health would hold.
            var (generated, shape, loaded) = await GenerateAndLoadAsync(dbFactory, prs, issues, extraBots, ct);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var peakBeforeMeasure = PeakWorkingSetMegabytes();
            var peakReset = ResetPeakWorkingSet();

            var ids = new[] { loaded.RepositoryId };
            var derived = services.GetRequiredService<DerivedFacts>();
            var metrics = services.GetRequiredService<MetricsService>();
            var derive = await TimeAsync(() => derived.DeriveStaleAsync(ids, null, ct));

            IReadOnlyList<MetricsRow> monthly = [];
            var monthlyCold = await TimeAsync(async () => monthly = await metrics.ForRepositoryAsync(loaded.RepositoryId, loaded.Label, PeriodKind.Month, null, null, ct));
            var monthlyWarm = await MedianAsync(async () => monthly = await metrics.ForRepositoryAsync(loaded.RepositoryId, loaded.Label, PeriodKind.Month, null, null, ct));
            IReadOnlyList<MetricsRow> weekly = [];
            var weeklyFirst = await TimeAsync(async () => weekly = await metrics.ForRepositoryAsync(loaded.RepositoryId, loaded.Label, PeriodKind.Week, null, null, ct));
            var weeklyWarm = await MedianAsync(async () => weekly = await metrics.ForRepositoryAsync(loaded.RepositoryId, loaded.Label, PeriodKind.Week, null, null, ct));

            var csvPath = Path.Combine(folder, "metrics.csv");
            var csv = await MedianAsync(async () =>
            {
                await using var writer = new StreamWriter(csvPath, append: false);
                await MetricsCsv.WriteAsync(writer, monthly, ct);
            });
            var csvBytes = new FileInfo(csvPath).Length;

            // The PR export: every PR streamed to a file; the process's working set is sampled while it runs.
            var prsPath = Path.Combine(folder, "prs.csv");
            var prRows = 0;
            var beforeExport = Environment.WorkingSet;
            long exportPeak = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    exportPeak = Math.Max(exportPeak, Environment.WorkingSet);
                    await Task.Delay(10, CancellationToken.None);
                }
            }, CancellationToken.None);
            var prExport = await MedianAsync(async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await using var stream = File.Create(prsPath);
                await using var writer = CsvFormat.Utf8(stream);
                prRows = await PullRequestsCsv.WriteAsync(db, [(loaded.RepositoryId, loaded.Label)], null, null, writer, ct);
            });
            await sampling.CancelAsync();
            await sampler;

            // What a sync page pays to derive the facts of what it touched: an hourly sync's change of 50 pull requests and
            // 20 issues (the newest numbers), with their reviews and comments, in one transaction as a page commits.
            List<int> touched;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                touched = await db.PullRequests.Where(p => p.RepositoryId == loaded.RepositoryId).OrderByDescending(p => p.Number).Select(p => p.Number).Take(50)
                    .Concat(db.Issues.Where(i => i.RepositoryId == loaded.RepositoryId).OrderByDescending(i => i.Number).Select(i => i.Number).Take(20))
                    .ToListAsync(ct);
            }

            var deriveChange = await MedianAsync(async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await DerivedFacts.DeriveTouchedAsync(db, loaded.RepositoryId, touched, derived.Rules, ct);
                await transaction.CommitAsync(ct);
            });

            // The first view after that change: the kept facts take in only what it derived.
            var afterChange = await TimeAsync(async () => monthly = await metrics.ForRepositoryAsync(loaded.RepositoryId, loaded.Label, PeriodKind.Month, null, null, ct));

            // Where the warm time goes: the freshness check, the three queries, the calculator alone.
            var freshCheck = await MedianAsync(() => derived.VersionsAsync(ids, ct));
            MetricsFacts facts = null!;
            var load = await MedianAsync(async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                facts = RepositoryFacts.From(await FactsLoader.LoadAsync(db, loaded.RepositoryId, derived.CurrentRules, since: null, ct)).ToFacts();
            });
            var computeMonthly = await MedianAsync(() => Task.FromResult(MetricsCalculator.Compute(loaded.Label, facts, PeriodKind.Month, End)));
            var computeWeekly = await MedianAsync(() => Task.FromResult(MetricsCalculator.Compute(loaded.Label, facts, PeriodKind.Week, End)));

            var loadedPrs = facts.PullRequests.Count;
            var peak = PeakWorkingSetMegabytes();
            var heap = GC.GetTotalMemory(forceFullCollection: false) / 1024.0 / 1024.0;
            facts = null!;
            var heapAfterCollect = GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
            var databaseMegabytes = Directory.EnumerateFiles(folder, "measure.db*").Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0;

            rows.Add(($"world: PRs / issues (seed 7, {End:yyyy-MM-dd} end)", $"{shape.Prs:N0} / {shape.Issues:N0}", "100,000 / 20,000"));
            rows.Add(("world: reviews per PR, shown (all, with PENDING)", string.Create(c, $"{shape.VisibleReviews / (double)shape.Prs:0.00} ({shape.AllReviews / (double)shape.Prs:0.00})"), "~3"));
            rows.Add(("world: comments per PR (issue comments + review comments)", string.Create(c, $"{(shape.PrComments + shape.ReviewComments) / (double)shape.Prs:0.00} ({shape.PrComments / (double)shape.Prs:0.00} + {shape.ReviewComments / (double)shape.Prs:0.00})"), "~6"));
            rows.Add(("world: comments per issue", string.Create(c, $"{shape.IssueComments / (double)Math.Max(1, shape.Issues):0.00}"), string.Empty));
            rows.Add(("world: rows loaded (accounts, PRs, reviews, issue comments, review comments, issues)", string.Create(c, $"{loaded.Accounts + loaded.PullRequests + loaded.Reviews + loaded.IssueComments + loaded.ReviewComments + loaded.Issues:N0}"), string.Empty));
            rows.Add(("generate the world in memory", Seconds(generated), string.Empty));
            rows.Add(("load into SQLite (bulk upserts of 50 rows, 5,000 rows a transaction)", Seconds(loaded.Seconds), string.Empty));
            rows.Add(("database file (with WAL)", string.Create(c, $"{databaseMegabytes:0} MB"), string.Empty));
            rows.Add(("derive the whole repository's facts (once, or when the bot rules change)", Seconds(derive), string.Empty));
            rows.Add(($"derive an hourly sync's change: {touched.Count} PRs and issues touched (median of {Repeats})", Seconds(deriveChange), "< 1 s"));
            rows.Add(($"monthly metrics, cold ({monthly.Count} rows, first call)", Seconds(monthlyCold), string.Empty));
            rows.Add(("monthly metrics, first view after that change (reads only what it derived)", Seconds(afterChange), "< 1 s"));
            rows.Add(($"monthly metrics, warm (median of {Repeats})", Seconds(monthlyWarm), "< 1 s"));
            rows.Add(($"weekly metrics, first call ({weekly.Count} rows)", Seconds(weeklyFirst), string.Empty));
            rows.Add(($"weekly metrics, warm (median of {Repeats})", Seconds(weeklyWarm), string.Empty));
            rows.Add(($"metrics CSV of the monthly rows to a file (median of {Repeats}, {csvBytes:N0} bytes)", Seconds(csv), string.Empty));
            rows.Add(($"PR export: {prRows:N0} rows streamed to a file (median of {Repeats})", Seconds(prExport), string.Empty));
            rows.Add(("PR export: rows per second", (prRows / prExport).ToString("N0", c), ">= 50,000"));
            rows.Add(("PR export in this process: working set (peak, and its rise over the start)", string.Create(c, $"{exportPeak / 1048576.0:0} MB (+{(exportPeak - beforeExport) / 1048576.0:0} MB)"), string.Empty));
            var (verbPeak, verbSeconds) = await SyncProcess.RunVerbAsync(Path.Combine(folder, "measure.db"), new Dictionary<string, string> { ["GitHub__ExtraBotLogins__0"] = "ci-helper" }, "export", "prs", "--repo", loaded.Label, "--out", Path.Combine(folder, "prs-cli.csv"));
            rows.Add(("`export prs` verb as its own process: peak resident memory (wall time incl. start-up)", string.Create(c, $"{verbPeak:0} MB ({verbSeconds:0.0} s)"), "< 200 MB"));
            rows.Add(("warm: version check (DerivedFacts.VersionsAsync)", Seconds(freshCheck), string.Empty));
            rows.Add(($"warm: FactsLoader.LoadAsync ({loadedPrs:N0} PRs, issues, activity days)", Seconds(load), string.Empty));
            rows.Add(("warm: MetricsCalculator.Compute, monthly", Seconds(computeMonthly), string.Empty));
            rows.Add(("warm: MetricsCalculator.Compute, weekly", Seconds(computeWeekly), string.Empty));
            rows.Add(("peak working set, whole process (generation and load included)", string.Create(c, $"{Math.Max(peak, peakBeforeMeasure):0} MB"), string.Empty));
            if (peakReset)
            {
                rows.Add(("peak working set from derive to the end (peak reset after the load)", string.Create(c, $"{peak:0} MB"), string.Empty));
            }

            rows.Add(("managed heap after (as is / after a full collection)", string.Create(c, $"{heap:0} MB / {heapAfterCollect:0} MB"), string.Empty));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Table.Print($"Measure ({prs:N0} PRs, {issues:N0} issues)", rows);
        return 0;
    }

    private static async Task<(double Generated, Shape Shape, WorldLoader.Result Loaded)> GenerateAndLoadAsync(
        IDbContextFactory<HealthDb> dbFactory, int prs, int issues, string[] extraBots, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        var watch = Stopwatch.StartNew();
        // The issue asks for ~3 reviews and ~6 comments per PR: heavier than the generator's defaults (1.4 and 4.0).
        var world = WorldGenerator.Generate(new WorldOptions { Prs = prs, Issues = issues, Seed = 7, End = End, ReviewsScale = 2.25, CommentsScale = 1.35 });
        var repo = world.Repositories[0];
        var generated = watch.Elapsed.TotalSeconds;
        var shape = Shape.Of(repo);
        Console.WriteLine(string.Create(c, $"generated {repo.FullName}: {repo.Pulls.Count:N0} PRs, {repo.Issues.Count:N0} issues in {generated:0.0} s"));
        var loaded = await WorldLoader.LoadAsync(dbFactory, repo, extraBots, End, ct);
        Console.WriteLine(string.Create(c, $"loaded in {loaded.Seconds:0.0} s"));
        return (generated, shape, loaded);
    }

    private static string Seconds(double seconds) =>
        seconds < 1 ? string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0} ms") : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s");

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> MedianAsync(Func<Task> action)
    {
        var times = new double[Repeats];
        for (var i = 0; i < Repeats; i++)
        {
            times[i] = await TimeAsync(action);
        }

        Array.Sort(times);
        return times[Repeats / 2];
    }

    private static double PeakWorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1024.0 / 1024.0;
    }

    /// <summary>On Linux, writing 5 to clear_refs resets the peak resident set (VmHWM) to the current one.</summary>
    private static bool ResetPeakWorkingSet()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>What the generator made: the items, and the comments on PRs apart from those on issues.</summary>
    private sealed record Shape(int Prs, int Issues, int AllReviews, int VisibleReviews, int PrComments, int IssueComments, int ReviewComments)
    {
        public static Shape Of(SimRepository repo)
        {
            var pullNumbers = repo.Pulls.Select(p => p.Number).ToHashSet();
            var onPrs = repo.IssueComments.Count(x => pullNumbers.Contains(x.IssueNumber));
            return new Shape(
                repo.Pulls.Count,
                repo.Issues.Count,
                repo.Reviews.Count,
                repo.Reviews.Count(r => r.State != ReviewStates.Pending),
                onPrs,
                repo.IssueComments.Count - onPrs,
                repo.ReviewComments.Count);
        }
    }

    /// <summary>A clock stopped at the end of the simulated history.</summary>
    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow, TimeSpan.Zero);
    }
}
