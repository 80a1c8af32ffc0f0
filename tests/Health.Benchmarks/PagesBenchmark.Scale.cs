using System.Diagnostics;
using Health.Core.Metrics;
using Health.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Health.Benchmarks;

/// <summary>
/// Issue "Scale out": SQLite and PostgreSQL side by side on the same worlds (acme/widgets alone, shaped as in
/// <see cref="MeasureBenchmark"/>). For each run: the backfill through GraphQL by the real <c>sync</c> verb in its own process
/// (ingest rate, its peak memory), the 12 monthly periods of the repository computed in this process (the facts read
/// from the database, then warm), and the published app's repository page: its first view, then the first view right
/// after an hourly change synced by another process, and warm. PostgreSQL runs on the server named by
/// <c>HEALTH_BENCH_POSTGRES</c> (or <c>HEALTH_TEST_POSTGRES</c>), in a database of its own, dropped at the end; with
/// <c>HEALTH_SCALE_DATABASE=NAME</c>, a PostgreSQL database a run of the same size left (killed after its backfill) is
/// used as it is, and kept: the backfill is not run again (its figures are the earlier run's).
/// <c>Metrics:CacheRows</c> is raised to hold the facts of the run's repository (about 5.5 rows a PR), as a deployment
/// of that size must (see the README's Measure).
/// </summary>
internal static partial class PagesBenchmark
{
    private const string PostgresVariable = "HEALTH_BENCH_POSTGRES";

    public static async Task<int> ScaleAsync(IReadOnlyList<(DatabaseProvider Provider, int Prs)> runs)
    {
        var server = System.Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } bench ? bench : System.Environment.GetEnvironmentVariable("HEALTH_TEST_POSTGRES");
        if (runs.Any(r => r.Provider == DatabaseProvider.Postgres) && string.IsNullOrEmpty(server))
        {
            Console.Error.WriteLine($"scale: set {PostgresVariable} to a PostgreSQL server where this user may create databases, e.g. 'Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres'");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("health-scale-").FullName;
        var rows = new List<(string Figure, string Value, string Target)>();
        try
        {
            var published = await WebApp.PublishAsync(Path.Combine(folder, "app"));
            foreach (var (provider, prs) in runs)
            {
                var label = string.Create(C, $"{provider}, {prs:N0} PRs");
                Console.Error.WriteLine($"scale: {label}");
                var run = await ScaleRunAsync(published, folder, provider, prs, server);
                rows.Add(($"{label}: ingest, PRs/s (GraphQL backfill, instant server)", (prs / run.Backfill.Seconds).ToString("N0", C), "PostgreSQL >= SQLite"));
                rows.Add(($"{label}: peak memory of the sync process", string.Create(C, $"{run.Backfill.PeakMegabytes:0} MB"), string.Empty));
                rows.Add(($"{label}: 12 monthly periods, facts read + computed / warm", string.Create(C, $"{run.Metrics.First * 1000:0} ms / {run.Metrics.Median * 1000:0} ms"), string.Empty));
                rows.Add(($"{label}: repository page, first view after the app starts", string.Create(C, $"{run.FirstView * 1000:0} ms"), string.Empty));
                rows.Add(($"{label}: repository page, first view after an hourly sync / warm median", string.Create(C, $"{run.AfterSync.First * 1000:0} ms / {run.AfterSync.Median * 1000:0} ms"), "< 2 s"));
                rows.Add(($"{label}: peak memory of the app", string.Create(C, $"{run.AppPeakMegabytes:0} MB"), string.Empty));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Table.Print("Scale out: SQLite and PostgreSQL (issue 15)", rows);
        return 0;
    }

    private static async Task<ScaleRun> ScaleRunAsync(string published, string folder, DatabaseProvider provider, int prs, string? server)
    {
        var file = Path.Combine(folder, string.Create(C, $"scale-{provider}-{prs}.db"));
        string? postgresName = null;
        var reused = provider == DatabaseProvider.Postgres ? System.Environment.GetEnvironmentVariable("HEALTH_SCALE_DATABASE") : null;
        var settings = new Dictionary<string, string> { ["Metrics__CacheRows"] = Math.Max(4_000_000, prs * 12).ToString(C) };
        if (provider == DatabaseProvider.Postgres)
        {
            postgresName = string.IsNullOrEmpty(reused) ? string.Create(C, $"health_scale_{prs}_{Guid.NewGuid():N}") : reused;
            if (string.IsNullOrEmpty(reused))
            {
                await ExecuteAsync(server!, $"CREATE DATABASE \"{postgresName}\"");
            }

            settings["Database__Provider"] = "Postgres";
            settings["ConnectionStrings__Health"] = new NpgsqlConnectionStringBuilder(server) { Database = postgresName }.ConnectionString;
        }

        try
        {
            var watch = Stopwatch.StartNew();
            var world = Generate(prs, 1);
            Console.Error.WriteLine(string.Create(C, $"scale: generated {prs:N0} PRs in {watch.Elapsed.TotalSeconds:0.0} s"));
            var repo = world.Repositories[0];
            // A budget no backfill meets: the ingest rate is the app's and the database's, not GitHub's limit.
            var unlimited = new GitHubSimulator.SimulatorOptions { RateLimit = 100_000_000, GraphQLRateLimit = 100_000_000 };
            await using var change = await HourlyChange.StartAsync(world, repo, file, ExtraBot, settings, unlimited);
            var environment = new Dictionary<string, string>(settings) { ["GitHub__ExtraBotLogins__0"] = ExtraBot };
            var backfill = string.IsNullOrEmpty(reused)
                ? await SyncProcess.RunAsync(change.ApiUrl, file, repo.FullName, "GraphQL", environment)
                : new SyncProcess.Result(0, 0, double.NaN, double.NaN, string.Empty);
            Console.Error.WriteLine(string.Create(C, $"scale: backfill in {backfill.Seconds:0.0} s ({prs / backfill.Seconds:N0} PRs/s), peak {backfill.PeakMegabytes:0} MB"));

            Stats metrics;
            using (var host = ScaleHost(file, settings))
            {
                var id = await RepositoryIdAsync(host.Services);
                metrics = await TimeOverviewMetricsAsync(host.Services.GetRequiredService<MetricsService>(), [(id, repo.FullName)], CancellationToken.None);
            }

            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            var baseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
            using var app = WebApp.Start(published, file, baseUri, Path.Combine(folder, string.Create(C, $"app-scale-{provider}-{prs}.log")), settings);
            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
            if (await app.WaitUntilAnsweringAsync(http, StartTimeout) is null)
            {
                throw new InvalidOperationException($"the app did not answer /health (its output: {app.LogPath}):\n{app.LogTail()}");
            }

            var first = await GetAsync(http, RepositoryPage);
            var sync = await change.SyncAsync();
            Console.Error.WriteLine(string.Create(C, $"scale: synced an hourly change in {sync.Seconds:0.0} s"));
            var afterSync = await GetAsync(http, RepositoryPage);
            var warm = await RepeatAsync(afterSync.Seconds, async () => (await GetAsync(http, RepositoryPage)).Seconds);
            if (first.Status != System.Net.HttpStatusCode.OK || afterSync.Status != System.Net.HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"the repository page answered {first.Status} / {afterSync.Status} (its output: {app.LogPath}):\n{app.LogTail()}");
            }

            return new ScaleRun(backfill, metrics, first.Seconds, warm, app.PeakMegabytes());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (postgresName is not null && string.IsNullOrEmpty(reused))
            {
                await ExecuteAsync(server!, $"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)");
            }
        }
    }

    /// <summary>The engine alone on the run's database, with the bot rules the app is given.</summary>
    private static IHost ScaleHost(string file, IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Path.GetDirectoryName(file) });
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Health"] = $"Data Source={file}",
            ["GitHub:ExtraBotLogins:0"] = ExtraBot,
        };
        foreach (var (key, value) in settings)
        {
            configuration[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        Health.Core.HealthCoreSetup.AddHealthCore(builder);
        return builder.Build();
    }

    private static async Task<int> RepositoryIdAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<HealthDb>>();
        await using var db = await factory.CreateDbContextAsync();
        return db.Repositories.Single(r => r.Owner == Owner && r.Name == Name).Id;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record ScaleRun(SyncProcess.Result Backfill, Stats Metrics, double FirstView, Stats AfterSync, double AppPeakMegabytes);
}
