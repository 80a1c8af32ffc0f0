using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using GitHubSimulator;
using Health.Core;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Health.Benchmarks;

/// <summary>
/// Issue "Pages": the server time to first render of the dashboard with the 100,000-PR world. A seeded world (the main
/// repository acme/widgets and REPOS-1 smaller ones, shaped as in <see cref="MeasureBenchmark"/>) is loaded into one
/// SQLite file as complete syncs would leave it, and its facts are derived. Then the real app runs in web mode as its
/// own process, and the prerendered HTML of the repository page and of the overview is fetched over HTTP, timed to its
/// last byte: the first request after the start (the facts read from SQLite), then <see cref="WarmRequests"/> more.
/// Each page is measured on a freshly started app, so that each first request is really cold. The overview's metrics
/// are also timed in this process, on the same services, to tell the metrics from the rendering.
/// </summary>
internal static partial class PagesBenchmark
{
    private const int WarmRequests = 10;
    private const string Owner = "acme";
    private const string Name = "widgets";
    private const string RepositoryPage = $"/repos/{Owner}/{Name}";
    private const string WeeklyRepositoryPage = $"{RepositoryPage}?period=week";
    private const string Overview = "/";

    /// <summary>The main repository against every repository of the owner pooled: the heaviest comparison there is.</summary>
    private const string ComparePage = $"/compare?items={Owner}/{Name},{Owner}";
    private const string ExtraBot = "ci-helper";

    /// <summary>January 1st at midnight: no recurring sync of the loaded world fires (against GitHub) during a run.</summary>
    private const string NeverDuringRun = "0 0 1 1 *";

    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// The end of the simulated history and the moment of the loaded syncs: today at midnight (UTC). The app reads the
    /// system clock, so a fixed end such as <see cref="MeasureBenchmark"/>'s would leave the overview's last complete
    /// month empty once the calendar has moved past it.
    /// </summary>
    private static readonly DateTime End = DateTime.UtcNow.Date;

    public static async Task<int> RunAsync(int prs, int repositories)
    {
        if (prs < 10 || repositories is < 1 or > 1001)
        {
            Console.Error.WriteLine("pages: PRS >= 10, REPOS from 1 to 1001 (the generator makes at most 1,000 extra)");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("health-pages-").FullName;
        try
        {
            var database = Path.Combine(folder, "pages.db");
            var published = await WebApp.PublishAsync(Path.Combine(folder, "app"));
            var world = await PrepareAsync(database, prs, repositories, CancellationToken.None);
            await using var change = await HourlyChange.StartAsync(world.Loaded.World, world.Loaded.World.Repo(Owner, Name), database, ExtraBot);
            var repositoryRun = await RunAppAsync(published, folder, database, "repository", [RepositoryPage, WeeklyRepositoryPage, ComparePage], change);
            var overviewRun = await RunAppAsync(published, folder, database, "overview", [Overview], change);
            var report = new Report(world, repositoryRun, overviewRun, repositories);
            Table.Print($"Pages ({repositories} repositories: acme/widgets with {prs:N0} PRs, any other with {Math.Max(1, prs / 10):N0})", report.Rows());
            return report.Conclude();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Generates and loads the world, keeps its syncs from firing, derives its facts; the host is gone after. With
    /// <c>HEALTH_PAGES_CACHE=DIR</c> in the environment, the database so prepared is kept in DIR and a later run of the same
    /// size starts from a copy of it (the world is generated again, the same, for the simulator): for trying changes quickly.
    /// </summary>
    private static async Task<Prepared> PrepareAsync(string database, int prs, int repositories, CancellationToken ct)
    {
        var cache = System.Environment.GetEnvironmentVariable("HEALTH_PAGES_CACHE") is { Length: > 0 } dir
            ? Path.Combine(dir, string.Create(C, $"pages-{prs}-{repositories}.db"))
            : null;
        var reused = cache is not null && File.Exists(cache);
        if (reused)
        {
            File.Copy(cache!, database);
            Console.Error.WriteLine($"pages: reusing the database prepared in {cache}");
        }

        Prepared prepared;
        using (var host = CoreHost(database))
        {
            var dbFactory = host.Services.GetRequiredService<IDbContextFactory<HealthDb>>();
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var loaded = reused ? await GenerateAndFindAsync(dbFactory, prs, repositories, ct) : await GenerateAndLoadAsync(dbFactory, prs, repositories, ct);
            var synced = await PinSchedulesAsync(dbFactory, ct);
            var derived = Stopwatch.StartNew();
            await host.Services.GetRequiredService<DerivedFacts>().DeriveStaleAsync(loaded.Repositories.Select(r => r.Id).ToList(), null, ct);
            Console.Error.WriteLine(string.Create(C, $"pages: facts derived in {derived.Elapsed.TotalSeconds:0.0} s"));
            var metrics = await TimeOverviewMetricsAsync(host.Services.GetRequiredService<MetricsService>(), loaded.Repositories, ct);
            prepared = new Prepared(loaded, synced, reused ? 0 : derived.Elapsed.TotalSeconds, metrics, 0);
        }

        // Closes the pooled connections, which checkpoints the WAL: the app opens the file as a sync would have left it.
        SqliteConnection.ClearAllPools();
        if (cache is not null && !reused)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
            File.Copy(database, cache);
        }

        var bytes = Directory.EnumerateFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*").Sum(f => new FileInfo(f).Length);
        return prepared with { DatabaseBytes = bytes };
    }

    /// <summary>The world generated again, its repositories found in a database prepared earlier.</summary>
    private static async Task<Loaded> GenerateAndFindAsync(IDbContextFactory<HealthDb> dbFactory, int prs, int repositories, CancellationToken ct)
    {
        var world = Generate(prs, repositories);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = (await db.Repositories.OrderBy(r => r.Id).Select(r => new { r.Id, r.Owner, r.Name }).ToListAsync(ct)).Select(r => (r.Id, $"{r.Owner}/{r.Name}")).ToList();
        return new Loaded(world, found, await db.PullRequests.CountAsync(ct), 0, 0);
    }

    /// <summary>The engine alone, on <paramref name="database"/>, with the bot rules the app is given.</summary>
    private static IHost CoreHost(string database)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Path.GetDirectoryName(database) });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Health"] = $"Data Source={database}",
            ["GitHub:ExtraBotLogins:0"] = ExtraBot,
        });
        builder.AddHealthCore();
        return builder.Build();
    }

    private static async Task<Loaded> GenerateAndLoadAsync(IDbContextFactory<HealthDb> dbFactory, int prs, int repositories, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var world = Generate(prs, repositories);
        var generated = watch.Elapsed.TotalSeconds;
        Console.Error.WriteLine(string.Create(C, $"pages: generated {world.Repositories.Count} repositories ({world.Repositories.Sum(r => r.Pulls.Count):N0} PRs) in {generated:0.0} s"));
        watch.Restart();
        var loaded = new List<(int Id, string Label)>();
        var pullRequests = 0;
        foreach (var repo in world.Repositories)
        {
            var result = await WorldLoader.LoadAsync(dbFactory, repo, [ExtraBot], End, ct);
            loaded.Add((result.RepositoryId, result.Label));
            pullRequests += result.PullRequests;
            Console.Error.WriteLine(string.Create(C, $"pages: loaded {result.Label} ({result.PullRequests:N0} PRs) in {result.Seconds:0.0} s"));
        }

        return new Loaded(world, loaded, pullRequests, generated, watch.Elapsed.TotalSeconds);
    }

    /// <summary>The shape of MeasureBenchmark's world: ~3 reviews and ~6 comments per PR, seed 7; the same for the same sizes.</summary>
    private static World Generate(int prs, int repositories) => WorldGenerator.Generate(new WorldOptions
    {
        Owner = Owner,
        Name = Name,
        Prs = prs,
        ExtraRepositories = repositories - 1,
        Seed = 7,
        End = End,
        ReviewsScale = 2.25,
        CommentsScale = 1.35,
    });

    /// <summary>
    /// What the overview asks of <see cref="MetricsService"/> for its cards (every repository's last 12 complete months),
    /// in this process: the first time (the facts read from SQLite), then warm.
    /// </summary>
    private static async Task<Stats> TimeOverviewMetricsAsync(MetricsService metrics, IReadOnlyList<(int Id, string Label)> repositories, CancellationToken ct)
    {
        var thisMonth = Periods.StartOf(DateTime.UtcNow, PeriodKind.Month);
        var (from, to) = (DateOnly.FromDateTime(thisMonth.AddMonths(-12)), DateOnly.FromDateTime(thisMonth.AddDays(-1)));
        async Task<double> OnceAsync()
        {
            var watch = Stopwatch.StartNew();
            foreach (var (id, label) in repositories)
            {
                await metrics.ForRepositoryAsync(id, label, PeriodKind.Month, from, to, ct);
            }

            return watch.Elapsed.TotalSeconds;
        }

        var first = await OnceAsync();
        return await RepeatAsync(first, OnceAsync);
    }

    /// <summary><see cref="WarmRequests"/> more runs after a first one: their median and maximum.</summary>
    private static async Task<Stats> RepeatAsync(double firstSeconds, Func<Task<double>> once)
    {
        var warm = new double[WarmRequests];
        for (var i = 0; i < warm.Length; i++)
        {
            warm[i] = await once();
        }

        Array.Sort(warm);
        return new Stats(firstSeconds, (warm[(WarmRequests - 1) / 2] + warm[WarmRequests / 2]) / 2, warm[^1]);
    }

    /// <summary>Moves every recurring sync out of the run, and counts the repositories the overview can show numbers for.</summary>
    private static async Task<int> PinSchedulesAsync(IDbContextFactory<HealthDb> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Repositories.ExecuteUpdateAsync(s => s.SetProperty(r => r.Cron, NeverDuringRun), ct);
        return await db.SyncStatuses.CountAsync(s => s.State == SyncState.Idle && s.LastSuccessAt != null, ct);
    }

    /// <summary>
    /// Starts the app, fetches each of <paramref name="paths"/> once cold then warm; then, for each path again, syncs an hourly
    /// change (another process, as a worker or a CLI sync would) and fetches the path at once, then warm. Reads its peak
    /// memory, stops it.
    /// </summary>
    private static async Task<AppRun> RunAppAsync(string published, string folder, string database, string name, IReadOnlyList<string> paths, HourlyChange change)
    {
        var baseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
        using var app = WebApp.Start(published, database, baseUri, Path.Combine(folder, $"app-{name}.log"));
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
        var started = await app.WaitUntilAnsweringAsync(http, StartTimeout);
        if (started is null)
        {
            throw new InvalidOperationException($"the app did not answer /health (its output: {app.LogPath}):\n{app.LogTail()}");
        }

        var timings = new List<Timing>();
        foreach (var path in paths)
        {
            Console.Error.WriteLine($"pages: GET {path}");
            timings.Add(await TimeViewAsync(http, path, app.CpuSeconds));
        }

        var afterSync = new List<AfterSync>();
        foreach (var path in paths)
        {
            var sync = await change.SyncAsync();
            Console.Error.WriteLine(string.Create(C, $"pages: synced a change in {sync.Seconds:0.0} s ({sync.Requests} requests, {sync.GraphQLRequests} GraphQL); GET {path}"));
            var first = await GetAsync(http, path);
            var warm = await RepeatAsync(first.Seconds, async () => (await GetAsync(http, path)).Seconds);
            afterSync.Add(new AfterSync(path, first.Status, warm, sync));
        }

        var assets = await FetchAssetsAsync(http, timings[0].Html);
        var caughtUp = await WaitForStoredRowsAsync(database);
        return new AppRun(started.Value, timings, afterSync, assets, app.PeakMegabytes(), app.ProblemLines, caughtUp);
    }

    /// <summary>
    /// Seconds until the app has stored every repository's overview rows at its facts' current version (its warmer does so
    /// in the background after a sync), so that the next run starts as an app stopped after taking in the last sync would;
    /// null if it had not after 60 s.
    /// </summary>
    private static async Task<double?> WaitForStoredRowsAsync(string database)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM "DerivedStates" d
            LEFT JOIN "StoredRows" s ON s."RepositoryId" = d."RepositoryId" AND s."Version" LIKE '%:' || d."WholeSequence" || ':' || d."Sequence" || ':%'
            WHERE s."RepositoryId" IS NULL
            """;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), C) == 0)
            {
                return clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(200);
        }

        return null;
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// The first request, then <see cref="WarmRequests"/> more; with the app's CPU time over each part (<paramref name="cpu"/>),
    /// which the load of a shared machine does not stretch as it stretches the wall time.
    /// </summary>
    private static async Task<Timing> TimeViewAsync(HttpClient http, string path, Func<double> cpu)
    {
        var before = cpu();
        var first = await GetAsync(http, path);
        var afterFirst = cpu();
        var stats = await RepeatAsync(first.Seconds, async () => (await GetAsync(http, path)).Seconds);
        return new Timing(path, first.Status, stats, afterFirst - before, (cpu() - afterFirst) / WarmRequests, first.Html);
    }

    /// <summary>One GET, timed until the last byte of the body has arrived.</summary>
    private static async Task<(HttpStatusCode Status, double Seconds, string Html)> GetAsync(HttpClient http, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, watch.Elapsed.TotalSeconds, html);
    }

    /// <summary>The status of each stylesheet and script the page links to: whether the static assets resolve.</summary>
    private static async Task<List<(string Url, HttpStatusCode Status)>> FetchAssetsAsync(HttpClient http, string html)
    {
        var assets = new List<(string, HttpStatusCode)>();
        foreach (var url in AssetLink().Matches(html).Select(m => m.Groups["url"].Value).Distinct(StringComparer.Ordinal))
        {
            using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
            assets.Add((url, response.StatusCode));
        }

        return assets;
    }

    [GeneratedRegex("""<(?:link rel="stylesheet" href|script src)="(?<url>[^"]+)""")]
    private static partial Regex AssetLink();

    [GeneratedRegex("""<article class="card"[^>]*>(?<body>.*?)</article>""", RegexOptions.Singleline)]
    private static partial Regex OverviewCard();

    [GeneratedRegex("""<figure class="chart"[\s>]""")]
    private static partial Regex Chart();

    [GeneratedRegex("""<(?:h1|p class="notice error")[^>]*>(?<text>[^<]*)<""")]
    private static partial Regex HeadingOrError();

    private sealed record Loaded(World World, List<(int Id, string Label)> Repositories, int PullRequests, double GeneratedSeconds, double LoadedSeconds);

    private sealed record Prepared(Loaded Loaded, int Synced, double DerivedSeconds, Stats OverviewMetrics, long DatabaseBytes);

    /// <summary>A first run, and the median and maximum of the <see cref="WarmRequests"/> after it, in seconds.</summary>
    private sealed record Stats(double First, double Median, double Max);

    /// <param name="FirstCpu">The app's CPU seconds over the first request.</param>
    /// <param name="WarmCpu">The app's CPU seconds a warm request, on average.</param>
    private sealed record Timing(string Path, HttpStatusCode Status, Stats Seconds, double FirstCpu, double WarmCpu, string Html)
    {
        public int Charts => Chart().Count(Html);

        public bool WarmUnderTarget => Status == HttpStatusCode.OK && Seconds.Median < Target.TotalSeconds;

        /// <summary>What the page says when it shows no chart: its error notices, else its heading.</summary>
        public string Shows => string.Join(" / ", HeadingOrError().Matches(Html).Select(m => WebUtility.HtmlDecode(m.Groups["text"].Value.Trim())).Where(t => t.Length > 0).Take(3));
    }

    private sealed record AppRun(
        double StartSeconds, List<Timing> Timings, List<AfterSync> AfterSyncs, List<(string Url, HttpStatusCode Status)> Assets, double PeakMegabytes, IReadOnlyList<string> ProblemLines, double? StoredAfter)
    {
        public Timing View(string path) => Timings.Single(t => t.Path == path);
    }

    /// <summary>A page fetched right after a change was synced (<see cref="Stats.First"/>), then warm.</summary>
    private sealed record AfterSync(string Path, HttpStatusCode Status, Stats Seconds, SyncProcess.Result Sync)
    {
        /// <summary>The issue's target: within three warm views, and under 1 s.</summary>
        public bool OnTarget => Status == HttpStatusCode.OK && Seconds.First <= 3 * Seconds.Median && Seconds.First < Target.TotalSeconds;
    }

    /// <summary>The names the script lines give the pages.</summary>
    private static string PageName(string path) => path switch
    {
        RepositoryPage => "repository-month",
        WeeklyRepositoryPage => "repository-week",
        ComparePage => "compare",
        Overview => "overview",
        _ => path,
    };

    /// <summary>The figures of a run as table rows, and its verdict.</summary>
    private sealed class Report(Prepared world, AppRun repositoryRun, AppRun overviewRun, int repositories)
    {
        private Timing Repository => repositoryRun.View(RepositoryPage);

        /// <summary>The repository page is there once it answers 200 with at least one chart.</summary>
        private bool RepositoryPageAvailable => Repository.Status == HttpStatusCode.OK && Repository.Charts > 0;

        public List<(string Figure, string Value, string Target)> Rows()
        {
            var rows = WorldRows();
            rows.Add(("app start until `/health` answers (repository run / overview run)", $"{Duration(repositoryRun.StartSeconds)} / {Duration(overviewRun.StartSeconds)}", string.Empty));
            rows.AddRange(RepositoryRows());
            rows.AddRange(ViewRows(overviewRun.View(Overview), "overview"));
            rows.Add(("overview: cards rendered (with last month's numbers)", OverviewCards(), $"{repositories} ({repositories})"));
            rows.Add(($"in this process: the overview's metrics ({repositories} × MetricsService.ForRepositoryAsync, 12 months): first / warm median (max)", OverviewMetrics(), string.Empty));
            foreach (var after in repositoryRun.AfterSyncs.Concat(overviewRun.AfterSyncs))
            {
                rows.Add((
                    $"{PageName(after.Path)} `GET {after.Path}`: first view right after a sync of an hourly change ({HourlyChange.ItemsPerChange} items, synced in {Duration(after.Sync.Seconds)}, {after.Sync.GraphQLRequests} GraphQL queries) / warm median after it ({(int)after.Status})",
                    $"{Duration(after.Seconds.First)} / {Duration(after.Seconds.Median)}",
                    "< 1 s and <= 3 warm views"));
            }

            rows.Add(("after its last sync, the app had stored the overview's rows of the facts' current versions within (repository run / overview run)", $"{Stored(repositoryRun)} / {Stored(overviewRun)}", string.Empty));
            rows.Add(("app peak resident memory, VmHWM (repository run / overview run)", string.Create(C, $"{repositoryRun.PeakMegabytes:0} MB / {overviewRun.PeakMegabytes:0} MB"), "< 400 MB"));
            rows.Add(("static assets the page links to, answered 200 (repository page / overview)", $"{Assets(repositoryRun)} / {Assets(overviewRun)}", "all"));
            rows.Add(("warning and error lines in the app's output (both runs)", (repositoryRun.ProblemLines.Count + overviewRun.ProblemLines.Count).ToString(C), "0"));
            rows.Add(($"load average of the machine (1, 5, 15 min) at the end, {System.Environment.ProcessorCount} cores", string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)), string.Empty));
            return rows;
        }

        public int Conclude()
        {
            foreach (var line in repositoryRun.ProblemLines.Concat(overviewRun.ProblemLines).Distinct(StringComparer.Ordinal).Take(10))
            {
                Console.WriteLine($"- app: `{line.Trim()}`");
            }

            var overviewOk = overviewRun.View(Overview).WarmUnderTarget;
            var repositoryOk = RepositoryPageAvailable && repositoryRun.Timings.All(t => t.WarmUnderTarget);
            var afterSyncs = repositoryRun.AfterSyncs.Concat(overviewRun.AfterSyncs).ToList();
            Console.WriteLine();
            foreach (var after in afterSyncs)
            {
                Console.WriteLine(string.Create(C, $"pages: {PageName(after.Path)} first-after-sync-ms={after.Seconds.First * 1000:0} warm-median-ms={after.Seconds.Median * 1000:0}"));
            }

            var afterSyncOk = afterSyncs.All(a => a.OnTarget);
            Console.WriteLine(!RepositoryPageAvailable
                ? $"repository page not available yet (GET {RepositoryPage}: {(int)Repository.Status}, {Repository.Charts} charts); the overview's warm median is {(overviewOk ? "under" : "OVER")} 1 s"
                : $"warm medians {(overviewOk && repositoryOk ? "all under 1 s" : "NOT all under 1 s")}; first views after a sync {(afterSyncOk ? "all" : "NOT all")} under 1 s and within 3 warm views");
            return overviewOk && repositoryOk && afterSyncOk ? 0 : 1;
        }

        private List<(string, string, string)> WorldRows() =>
        [
            ("world: repositories / PRs", string.Create(C, $"{world.Loaded.Repositories.Count} / {world.Loaded.PullRequests:N0}"), string.Empty),
            ("generate the world in memory", Duration(world.Loaded.GeneratedSeconds), string.Empty),
            ("load into SQLite (every repository, WorldLoader)", Duration(world.Loaded.LoadedSeconds), string.Empty),
            ("derive facts (DerivedFacts.DeriveStaleAsync, every repository)", Duration(world.DerivedSeconds), string.Empty),
            ("database file", string.Create(C, $"{world.DatabaseBytes / 1048576.0:N0} MB"), string.Empty),
            ("repositories with an Idle sync status and a last success", $"{world.Synced} of {repositories}", $"{repositories} of {repositories}"),
        ];

        private IEnumerable<(string, string, string)> RepositoryRows()
        {
            if (RepositoryPageAvailable)
            {
                return ViewRows(Repository, "repository page, monthly")
                    .Concat(ViewRows(repositoryRun.View(WeeklyRepositoryPage), "repository page, weekly"))
                    .Concat(ViewRows(repositoryRun.View(ComparePage), "compare page (the main repository against the owner's pooled)"));
            }

            // Timed all the same, but what answers is not the page yet: shown apart, with what it said.
            var week = repositoryRun.View(WeeklyRepositoryPage);
            return
            [
                ($"`GET {RepositoryPage}`", $"repository page not available yet ({(int)Repository.Status}, {Repository.Charts} charts: \"{Cell(Repository.Shows)}\")", $"< {Target.TotalSeconds:0} s warm"),
                ($"(not the page yet) `GET {RepositoryPage}` / `?period=week`: first, warm median (max)", $"{Durations(Repository.Seconds)} / {Durations(week.Seconds)}", string.Empty),
            ];
        }

        private static string Stored(AppRun run) => run.StoredAfter is { } s ? Duration(s) : "not within 60 s";

        private static string Durations(Stats s) => $"{Duration(s.First)}, {Duration(s.Median)} ({Duration(s.Max)})";

        private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

        private string OverviewMetrics() => $"{Duration(world.OverviewMetrics.First)} / {Duration(world.OverviewMetrics.Median)} ({Duration(world.OverviewMetrics.Max)})";

        private static IEnumerable<(string, string, string)> ViewRows(Timing t, string what) =>
        [
            ($"{what} `GET {t.Path}`: first request after start (cold; HTML {t.Html.Length / 1024.0:N0} kB, {(int)t.Status}) [app CPU]", $"{Duration(t.Seconds.First)} [{Duration(t.FirstCpu)}]", string.Empty),
            ($"{what} `GET {t.Path}`: warm, median of {WarmRequests} (max) [app CPU a request]", $"{Duration(t.Seconds.Median)} ({Duration(t.Seconds.Max)}) [{Duration(t.WarmCpu)}]", $"< {Target.TotalSeconds:0} s warm"),
        ];

        private string OverviewCards()
        {
            var cards = OverviewCard().Matches(overviewRun.View(Overview).Html);
            var withNumbers = cards.Count(m => m.Groups["body"].Value.Contains("class=\"muted month\"", StringComparison.Ordinal));
            return $"{cards.Count} ({withNumbers})";
        }

        private static string Assets(AppRun run)
        {
            var failed = run.Assets.Where(a => a.Status != HttpStatusCode.OK).Select(a => $"{(int)a.Status} `{a.Url}`").ToList();
            var answered = $"{run.Assets.Count - failed.Count} of {run.Assets.Count}";
            return failed.Count == 0 ? answered : $"{answered} ({string.Join(", ", failed)})";
        }
    }

    private static string Duration(double seconds) =>
        seconds < 1 ? string.Create(C, $"{seconds * 1000:0} ms") : string.Create(C, $"{seconds:0.00} s");

    /// <summary>
    /// Health.Web.dll in web mode as its own process, configured through the environment: the loaded database, jobs in
    /// memory, anyone allowed. Its output goes to a log file; warnings and errors are kept; stopped with a kill.
    /// </summary>
    private sealed partial class WebApp : IDisposable
    {
        private const int TailLines = 40;

        /// <summary>USER_HZ, the unit of the CPU times in /proc (100 on Linux).</summary>
        private const int ClockTicksPerSecond = 100;

        private readonly Process _process;
        private readonly StreamWriter _log;
        private readonly List<string> _problems = [];
        private readonly Queue<string> _tail = new();

        private WebApp(Process process, string logPath)
        {
            _process = process;
            LogPath = logPath;
            _log = new StreamWriter(logPath) { AutoFlush = true };
        }

        public string LogPath { get; }

        public IReadOnlyList<string> ProblemLines
        {
            get
            {
                lock (_problems)
                {
                    return [.. _problems];
                }
            }
        }

        /// <summary>
        /// Publishes Health.Web (Release) into <paramref name="output"/>, as a deployment would run it: only a published app
        /// serves its static web assets (scoped CSS, blazor.web.js, the chart library) outside Development. Returns the folder.
        /// </summary>
        public static async Task<string> PublishAsync(string output)
        {
            var project = Path.Combine(RepositoryRoot(), "src", "Health.Web");
            Console.Error.WriteLine($"pages: publishing {project} to {output}");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "publish", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet" })
            {
                start.ArgumentList.Add(arg);
            }

            using var publish = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
            var stdout = publish.StandardOutput.ReadToEndAsync();
            var stderr = publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            if (publish.ExitCode != 0 || !File.Exists(Path.Combine(output, "Health.Web.dll")))
            {
                throw new InvalidOperationException($"dotnet publish of {project} failed ({publish.ExitCode}):\n{await stdout}{await stderr}");
            }

            return output;
        }

        /// <param name="overrides">Settings over the SQLite file's (e.g. another database provider).</param>
        public static WebApp Start(string published, string database, Uri url, string logPath, IReadOnlyDictionary<string, string>? overrides = null)
        {
            var dll = Path.Combine(published, "Health.Web.dll");
            Console.Error.WriteLine($"pages: starting {dll} on {url}");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = published };
            foreach (var arg in new[] { dll, "--urls", url.GetLeftPart(UriPartial.Authority), "--contentRoot", published })
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (key, value) in Settings(database))
            {
                start.Environment[key] = value;
            }

            foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
            {
                start.Environment[key] = value;
            }

            var app = new WebApp(Process.Start(start) ?? throw new InvalidOperationException("could not start Health.Web"), logPath);
            app._process.OutputDataReceived += (_, e) => app.Write(e.Data);
            app._process.ErrorDataReceived += (_, e) => app.Write(e.Data);
            app._process.BeginOutputReadLine();
            app._process.BeginErrorReadLine();
            return app;
        }

        private static Dictionary<string, string?> Settings(string database) => new()
        {
            ["ConnectionStrings__Health"] = $"Data Source={database}",
            ["Jobs__Storage"] = "InMemory",
            ["Health__DefaultCron"] = NeverDuringRun,
            ["Access__Mode"] = "Anyone",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = null,
            ["GITHUB_TOKEN"] = null,
            // The bot rules the facts were derived with: other ones would derive them again on the first view.
            ["GitHub__ExtraBotLogins__0"] = ExtraBot,
        };

        /// <summary>The folder of Health.sln above this benchmark's binaries.</summary>
        private static string RepositoryRoot()
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Health.sln")))
            {
                root = root.Parent;
            }

            return root?.FullName ?? throw new InvalidOperationException($"no Health.sln above {AppContext.BaseDirectory}: run the benchmark from the repository's build output");
        }

        /// <summary>Seconds until <c>/health</c> gives any answer (the schema is migrated before the server listens), or null.</summary>
        public async Task<double?> WaitUntilAnsweringAsync(HttpClient http, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout && !_process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
                    return clock.Elapsed.TotalSeconds;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            return null;
        }

        /// <summary>The CPU time the app has used so far (user and system, every thread), from /proc/PID/stat.</summary>
        public double CpuSeconds()
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            // After the command name in parentheses: field 3 (state) first, so utime (14) and stime (15) are at 11 and 12.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], C) + long.Parse(fields[12], C)) / (double)ClockTicksPerSecond;
        }

        /// <summary>VmHWM of the app: its peak resident set so far.</summary>
        public double PeakMegabytes()
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], C) / 1024.0;
        }

        /// <summary>The last lines of the app's output.</summary>
        public string LogTail()
        {
            lock (_problems)
            {
                return string.Join('\n', _tail);
            }
        }

        private void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_problems)
            {
                _log.WriteLine(line);
                _tail.Enqueue(line);
                if (_tail.Count > TailLines)
                {
                    _tail.Dequeue();
                }

                if (ProblemLine().IsMatch(line))
                {
                    _problems.Add(line);
                }
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
            lock (_problems)
            {
                _log.Dispose();
            }
        }

        /// <summary>The console logger's first line of a warning, an error or a critical entry.</summary>
        [GeneratedRegex(@"^\s*(warn|fail|crit):")]
        private static partial Regex ProblemLine();
    }
}
