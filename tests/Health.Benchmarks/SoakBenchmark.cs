using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Health.Benchmarks;

/// <summary>
/// Soak test of our use of Hangfire.Storage.SQLite (open reports of lock failures, and of an AccessViolation from one
/// connection shared across threads, its issue #79): the real app in web mode as its own process, tracking every
/// repository of a simulated owner with a sync every minute on several workers, watched through <c>/health</c> for some
/// minutes, then stopped with SIGTERM. Reports the jobs, the peak resident memory, the error lines of the app's output,
/// whether it crashed, and every repository's sync status read from its database afterwards.
/// </summary>
internal static partial class SoakBenchmark
{
    private const string Owner = "acme";

    /// <summary>The simulator requires it, so a sync that sent no token (or another one) would fail loudly.</summary>
    private const string Token = "soak-token";

    private const int MaxSignatureRows = 15;

    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(int minutes, int repositories, int workers)
    {
        if (minutes < 1 || repositories is < 1 or > 1001 || workers is < 1 or > 64)
        {
            Console.Error.WriteLine("soak: MINUTES >= 1, REPOS from 1 to 1001 (the simulator makes at most 1,000 extra), WORKERS from 1 to 64");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("health-soak-").FullName;
        Console.Error.WriteLine($"soak: {minutes} min, {repositories} repositories, {workers} workers; app folder {folder}");
        Outcome outcome;
        await using (var sim = await SimulatorProcess.StartAsync(SimulatorArgs(repositories)))
        {
            outcome = await SoakAppAsync(folder, sim.BaseUri, minutes, workers);
        }

        var failures = Failures(outcome, repositories);
        Print(outcome, minutes, repositories, workers);
        return Conclude(failures, folder, outcome.LogPath);
    }

    /// <summary>A small main repository (10 PRs) and REPOS-1 extra ones of the same owner (1 PR each): every sync is short.</summary>
    private static string[] SimulatorArgs(int repositories) =>
    [
        "--port", "0", "--seed", "7", "--owner", Owner, "--name", "widgets", "--prs", "10",
        "--extra-repos", (repositories - 1).ToString(CultureInfo.InvariantCulture),
        "--rate-limit", "1000000", "--token", Token,
    ];

    private static async Task<Outcome> SoakAppAsync(string folder, Uri api, int minutes, int workers)
    {
        var logPath = Path.Combine(folder, "app.log");
        var baseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
        using var app = AppProcess.Start(folder, api, workers, baseUri, logPath);
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        var started = await WaitUntilAnsweringAsync(http, app);
        var watch = started ? await WatchAsync(http, app, TimeSpan.FromMinutes(minutes)) : Watch.None;
        var stop = await app.StopAsync();
        if (!started)
        {
            PrintLogTail(logPath);
        }

        return new Outcome(
            logPath,
            started,
            watch,
            stop,
            app.PeakKb,
            ErrorTally.Read(logPath),
            ReadRepositories(Path.Combine(folder, "health.db")),
            ReadJobStates(Path.Combine(folder, "health-jobs.db")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for any answer from <c>/health</c> (the schema is migrated before the server listens).</summary>
    private static async Task<bool> WaitUntilAnsweringAsync(HttpClient http, AppProcess app)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout && !app.HasExited)
        {
            if ((await PollAsync(http)).Snapshot is not null)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soak: the app answers /health after {clock.Elapsed.TotalSeconds:0.0} s"));
                return true;
            }

            await Task.Delay(500);
        }

        Console.Error.WriteLine(app.HasExited
            ? $"soak: the app exited with code {app.ExitCode} before it answered /health"
            : $"soak: the app did not answer /health within {StartTimeout.TotalSeconds:0} s");
        return false;
    }

    /// <summary>Polls <c>/health</c> every <see cref="PollEvery"/> for <paramref name="duration"/>, or until the app exits.</summary>
    private static async Task<Watch> WatchAsync(HttpClient http, AppProcess app, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var watch = Watch.None;
        while (clock.Elapsed < duration)
        {
            var next = clock.Elapsed + PollEvery;
            if (app.HasExited)
            {
                Console.Error.WriteLine($"soak: the app exited with code {app.ExitCode} after {Elapsed(clock.Elapsed)}");
                return watch with { ExitedAfter = clock.Elapsed, Soaked = clock.Elapsed };
            }

            var poll = await PollAsync(http);
            app.SampleMemory();
            watch = watch.Add(poll);
            Console.Error.WriteLine(Progress(clock.Elapsed, poll, app));
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        // One last look just before the stop, so that the figures reported are the final ones.
        var soaked = clock.Elapsed;
        if (!app.HasExited)
        {
            var final = await PollAsync(http);
            app.SampleMemory();
            watch = watch.Add(final);
            Console.Error.WriteLine(Progress(clock.Elapsed, final, app));
        }

        return watch with { Soaked = soaked };
    }

    private static async Task<Poll> PollAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            return new Poll(Snapshot.Parse(body), clock.Elapsed.TotalSeconds, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new Poll(null, clock.Elapsed.TotalSeconds, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static string Progress(TimeSpan elapsed, Poll poll, AppProcess app)
    {
        var c = CultureInfo.InvariantCulture;
        var memory = string.Create(c, $"RSS {app.CurrentKb / 1024.0:0} MB (peak {app.PeakKb / 1024.0:0})");
        var tail = string.Create(c, $"/health {poll.Seconds:0.00} s | {memory} | error lines {app.ErrorLines}");
        if (poll.Snapshot is not { } s)
        {
            return $"[soak {Elapsed(elapsed)}] /health unanswered: {poll.Problem} | {tail}";
        }

        var jobs = string.Create(c, $"jobs: {s.Servers} server(s), {s.Enqueued} enqueued, {s.Scheduled} scheduled, {s.Processing} processing, {s.Succeeded} succeeded, {s.Failed} failed, {s.Recurring} recurring");
        var problems = s.Problems.Count == 0 ? string.Empty : $" | {string.Join("; ", s.Problems)}";
        return $"[soak {Elapsed(elapsed)}] {s.Status} | {jobs} | {s.Database} | {tail}{problems}";
    }

    private static string Elapsed(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}:{t.Seconds:00}");

    private static void PrintLogTail(string logPath)
    {
        var lines = File.Exists(logPath) ? File.ReadAllLines(logPath) : [];
        Console.Error.WriteLine($"soak: last lines of the app's output ({logPath}):");
        foreach (var line in lines.TakeLast(60))
        {
            Console.Error.WriteLine($"  {line}");
        }
    }

    /// <summary>Every tracked repository's sync status, read from the app's database once it has stopped.</summary>
    private static Repositories ReadRepositories(string database)
    {
        if (!File.Exists(database))
        {
            return Repositories.Unread($"{database} does not exist");
        }

        try
        {
            using var connection = Open(database);
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT r.Owner || '/' || r.Name, s.State, s.LastSuccessAt IS NOT NULL, s.LastError
                FROM Repositories r LEFT JOIN SyncStatuses s ON s.RepositoryId = r.Id
                WHERE r.RemovedAt IS NULL ORDER BY r.Id
                """;
            using var reader = command.ExecuteReader();
            var rows = new List<RepositoryRow>();
            while (reader.Read())
            {
                rows.Add(new RepositoryRow(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : (int)reader.GetInt64(1),
                    !reader.IsDBNull(2) && reader.GetBoolean(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            return new Repositories(rows, null);
        }
        catch (SqliteException e)
        {
            return Repositories.Unread(e.Message);
        }
    }

    /// <summary>How many times each job state was entered (Hangfire's state history), so retried failures show too.</summary>
    private static Dictionary<string, long> ReadJobStates(string database)
    {
        var states = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists(database))
        {
            return states;
        }

        try
        {
            using var connection = Open(database);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT Name, COUNT(*) FROM State GROUP BY Name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                states[reader.IsDBNull(0) ? "(null)" : reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        catch (SqliteException e)
        {
            Console.Error.WriteLine($"soak: cannot read the job state history of {database}: {e.Message}");
        }

        return states;
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<string> Failures(Outcome o, int repositories)
    {
        var failures = new List<string>();
        if (!o.Started)
        {
            failures.Add("the app never answered /health (its last output lines are above)");
        }

        if (o.Started && !o.Stop.AliveAtEnd)
        {
            var after = o.Watch.ExitedAfter is { } exited ? $" after {Elapsed(exited)}" : string.Empty;
            failures.Add($"the app exited by itself{after} (code {o.Stop.ExitCode}), before SIGTERM");
        }

        if (o.Watch.Last is { Failed: > 0 } last)
        {
            failures.Add($"{last.Failed} job(s) failed (Hangfire's Failed state, retries used up)");
        }

        if (o.JobStates.GetValueOrDefault("Failed") is > 0 and var attempts)
        {
            failures.Add($"{attempts} job attempt(s) failed (Hangfire's state history, retried ones included)");
        }

        if (o.Errors.Total > 0)
        {
            failures.Add($"{o.Errors.Total} error line(s) in the app's output ({o.Errors.BySignature.Count} signature(s))");
        }

        if (o.Stop.AliveAtEnd && (!o.Stop.Graceful || o.Stop.ExitCode != 0))
        {
            failures.Add(o.Stop.Graceful ? $"the app exited with code {o.Stop.ExitCode} on SIGTERM" : $"the app did not stop within {StopTimeout.TotalSeconds:0} s of SIGTERM and was killed");
        }

        if (o.Repositories.Problem is { } problem)
        {
            failures.Add($"the app's database could not be read: {problem}");
        }
        else if (o.Repositories.Failed.Count > 0 || o.Repositories.Ok < repositories)
        {
            failures.Add($"{o.Repositories.Ok} of {repositories} repositories synced OK, {o.Repositories.Failed.Count} failed, {o.Repositories.Others}");
        }

        return failures;
    }

    private static void Print(Outcome o, int minutes, int repositories, int workers)
    {
        var c = CultureInfo.InvariantCulture;
        var last = o.Watch.Last;
        string Stat(Func<Snapshot, long> pick) => last is null ? "n/a" : pick(last).ToString("N0", c);
        var rows = new List<(string Figure, string Value, string Target)>
        {
            ("minutes soaked (from the first answer of /health)", string.Create(c, $"{o.Watch.Soaked.TotalMinutes:0.0} of {minutes}"), string.Empty),
            ("repositories (simulated / tracked by the app)", $"{repositories} / {o.Repositories.Rows.Count}", string.Empty),
            ("workers", workers.ToString(c), string.Empty),
            ("jobs succeeded (Hangfire statistics at the last poll)", Stat(s => s.Succeeded), string.Empty),
            ("jobs failed (Hangfire statistics at the last poll)", Stat(s => s.Failed), "0"),
            ("job states entered, from Hangfire's history (Failed counts retried attempts too)", JobStates(o.JobStates), "Failed: 0"),
            ("jobs enqueued / scheduled / processing at the last poll", last is null ? "n/a" : $"{last.Enqueued} / {last.Scheduled} / {last.Processing}", string.Empty),
            ("recurring jobs", Stat(s => s.Recurring), repositories.ToString(c)),
            ("peak resident memory of the app (VmHWM)", string.Create(c, $"{o.PeakKb / 1024.0:0} MB"), string.Empty),
            ("/health polls answered (slowest answer)", string.Create(c, $"{o.Watch.Answered} of {o.Watch.Polls} ({o.Watch.SlowestSeconds:0.00} s)"), "all"),
            ("error lines in the app's output", o.Errors.Total.ToString(c), "0"),
        };
        rows.AddRange(o.Errors.BySignature.OrderByDescending(e => e.Value.Count).Take(MaxSignatureRows)
            .Select(e => ($"error lines: `{Cell(e.Key)}`", e.Value.Count.ToString(c), string.Empty)));
        rows.Add(("app alive at the end (did not crash before SIGTERM)", o.Stop.AliveAtEnd ? "yes" : "no", "yes"));
        rows.Add(("stop on SIGTERM: exit code (seconds)", StopValue(o.Stop), $"0 (< {StopTimeout.TotalSeconds:0} s)"));
        rows.Add(("repositories synced OK / failed / other", o.Repositories.Problem is null ? $"{o.Repositories.Ok} / {o.Repositories.Failed.Count} / {o.Repositories.Others}" : "n/a", $"{repositories} / 0 / none"));
        Table.Print($"Soak of Hangfire.Storage.SQLite ({minutes} min, {repositories} repositories, {workers} workers)", rows);
        PrintDetails(o);
    }

    private static string JobStates(IReadOnlyDictionary<string, long> states) =>
        states.Count == 0 ? "n/a" : string.Join(", ", states.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:N0}")));

    private static string StopValue(StopResult stop) => !stop.AliveAtEnd
        ? $"exited earlier with {stop.ExitCode}"
        : string.Create(CultureInfo.InvariantCulture, $"{stop.ExitCode} ({stop.Seconds:0.0} s{(stop.Graceful ? string.Empty : ", killed")})");

    /// <summary>Text safe inside a Markdown table cell and a code span.</summary>
    private static string Cell(string text) => text.Replace('`', '\'').Replace("|", "\\|", StringComparison.Ordinal);

    private static void PrintDetails(Outcome o)
    {
        if (o.Errors.BySignature.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("First line of each error signature, verbatim:");
            Console.WriteLine();
            foreach (var (_, (count, first)) in o.Errors.BySignature.OrderByDescending(e => e.Value.Count))
            {
                Console.WriteLine($"- ({count}×) `{Cell(first.Trim())}`");
            }
        }

        if (o.Repositories.Failed.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Repositories whose last sync failed:");
            Console.WriteLine();
            foreach (var row in o.Repositories.Failed.Take(30))
            {
                Console.WriteLine($"- {row.FullName}: {row.LastError}");
            }
        }
    }

    private static int Conclude(List<string> failures, string folder, string logPath)
    {
        Console.WriteLine();
        if (failures.Count == 0)
        {
            Console.WriteLine("Soak passed: no failed job, no crash, no error line, every repository synced.");
            Directory.Delete(folder, recursive: true);
            return 0;
        }

        Console.WriteLine("Soak FAILED:");
        foreach (var failure in failures)
        {
            Console.WriteLine($"- {failure}");
        }

        Console.WriteLine($"(the app's output and databases are kept in {Path.GetDirectoryName(logPath)})");
        return 1;
    }

    /// <summary>VmRSS or VmHWM from /proc, in kB (0 once the process has gone, or off Linux).</summary>
    private static long ReadStatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }

    private sealed record Outcome(
        string LogPath,
        bool Started,
        Watch Watch,
        StopResult Stop,
        long PeakKb,
        ErrorTally Errors,
        Repositories Repositories,
        IReadOnlyDictionary<string, long> JobStates);

    private sealed record Poll(Snapshot? Snapshot, double Seconds, string? Problem);

    /// <summary>What the polls saw: the last answer, how many were answered, the slowest, and whether the app exited by itself.</summary>
    private sealed record Watch(Snapshot? Last, int Polls, int Answered, double SlowestSeconds, TimeSpan Soaked, TimeSpan? ExitedAfter)
    {
        public static Watch None { get; } = new(null, 0, 0, 0, TimeSpan.Zero, null);

        public Watch Add(Poll poll) => this with
        {
            Last = poll.Snapshot ?? Last,
            Polls = Polls + 1,
            Answered = Answered + (poll.Snapshot is null ? 0 : 1),
            SlowestSeconds = Math.Max(SlowestSeconds, poll.Seconds),
        };
    }

    private sealed record StopResult(bool AliveAtEnd, int ExitCode, bool Graceful, double Seconds);

    private sealed record RepositoryRow(string FullName, int? State, bool HasLastSuccess, string? LastError);

    /// <summary>The tracked repositories and their sync states: OK is Idle (2) with a LastSuccessAt; Failed is 3.</summary>
    private sealed record Repositories(IReadOnlyList<RepositoryRow> Rows, string? Problem)
    {
        public int Ok => Rows.Count(r => r.State == 2 && r.HasLastSuccess);

        public List<RepositoryRow> Failed => Rows.Where(r => r.State == 3).ToList();

        /// <summary>The rest, by state: e.g. "2 state 1" (still running), "1 no status" (never started).</summary>
        public string Others
        {
            get
            {
                var others = Rows.Where(r => r.State is not 3 && !(r.State == 2 && r.HasLastSuccess))
                    .GroupBy(r => r.State is { } s ? $"state {s}" : "no status")
                    .Select(g => $"{g.Count()} {g.Key}")
                    .ToList();
                return others.Count == 0 ? "none" : string.Join(", ", others);
            }
        }

        public static Repositories Unread(string problem) => new([], problem);
    }

    /// <summary>One answer of <c>/health</c>: its overall status, the <c>jobs</c> check's figures, and the checks not healthy.</summary>
    private sealed record Snapshot(
        string Status,
        string Database,
        long Servers,
        long Enqueued,
        long Scheduled,
        long Processing,
        long Succeeded,
        long Failed,
        long Recurring,
        IReadOnlyList<string> Problems)
    {
        public static Snapshot Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var checks = root.GetProperty("checks").EnumerateArray().ToList();
            var jobs = checks.FirstOrDefault(x => x.GetProperty("name").GetString() == "jobs");
            var database = checks.FirstOrDefault(x => x.GetProperty("name").GetString() == "database");
            long Figure(string name) =>
                jobs.ValueKind == JsonValueKind.Object && jobs.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object &&
                data.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) ? n : -1;
            var problems = checks.Where(x => x.GetProperty("status").GetString() != "Healthy")
                .Select(x => $"{x.GetProperty("name").GetString()} {x.GetProperty("status").GetString()}: {Description(x)}")
                .ToList();
            return new Snapshot(
                root.GetProperty("status").GetString() ?? "?",
                database.ValueKind == JsonValueKind.Object ? Description(database) : "no database check",
                Figure("servers"),
                Figure("enqueued"),
                Figure("scheduled"),
                Figure("processing"),
                Figure("succeeded"),
                Figure("failed"),
                Figure("recurring"),
                problems);
        }

        private static string Description(JsonElement check) =>
            check.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : string.Empty;
    }

    /// <summary>
    /// The app (<c>Health.Web.dll</c> in web mode) as its own process: configured through the environment, its stdout and
    /// stderr written to a log file, its memory sampled from /proc, stopped with SIGTERM.
    /// </summary>
    private sealed class AppProcess : IDisposable
    {
        private const int MaxEchoedLines = 20;

        private readonly Process _process;
        private readonly StreamWriter _log;
        private readonly Lock _gate = new();
        private int _errorLines;

        private AppProcess(Process process, StreamWriter log)
        {
            _process = process;
            _log = log;
        }

        public bool HasExited => _process.HasExited;

        public int ExitCode => _process.ExitCode;

        public long PeakKb { get; private set; }

        public long CurrentKb { get; private set; }

        public int ErrorLines => Volatile.Read(ref _errorLines);

        public static AppProcess Start(string folder, Uri api, int workers, Uri url, string logPath)
        {
            var dll = WebDll();
            Console.Error.WriteLine($"soak: starting {dll} on {url}");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
            foreach (var arg in new[] { dll, "--urls", url.GetLeftPart(UriPartial.Authority), "--contentRoot", folder })
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (key, value) in Settings(folder, api, workers))
            {
                start.Environment[key] = value;
            }

            var log = new StreamWriter(logPath) { AutoFlush = true };
            var app = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start Health.Web"), log);
            app._process.OutputDataReceived += (_, e) => app.Write(e.Data, null);
            app._process.ErrorDataReceived += (_, e) => app.Write(e.Data, "[stderr] ");
            app._process.BeginOutputReadLine();
            app._process.BeginErrorReadLine();
            return app;
        }

        /// <summary>The configuration of the soak, in the environment's double-underscore form.</summary>
        private static Dictionary<string, string?> Settings(string folder, Uri api, int workers) => new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = null,
            ["GITHUB_TOKEN"] = null,
            ["ConnectionStrings__Health"] = $"Data Source={Path.Combine(folder, "health.db")}",
            ["Jobs__Storage"] = "Sqlite",
            ["Jobs__Workers"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Jobs__PollInterval"] = "00:00:01",
            ["Health__Repositories__0"] = $"{Owner}/*",
            ["Health__DefaultCron"] = "* * * * *",
            ["GitHub__ApiUrl"] = api.ToString(),
            ["GitHub__Token"] = Token,
            ["Access__Mode"] = "Anyone",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        /// <summary>The app as built with this benchmark's configuration (src/Health.Web/bin/CONFIG/TFM), else the copy beside it.</summary>
        private static string WebDll()
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var (tfm, configuration) = (here.Name, here.Parent?.Name ?? "Release");
            for (var dir = here; dir is not null; dir = dir.Parent)
            {
                var built = Path.Combine(dir.FullName, "src", "Health.Web", "bin", configuration, tfm, "Health.Web.dll");
                if (File.Exists(Path.Combine(dir.FullName, "Health.sln")) && File.Exists(built))
                {
                    return built;
                }
            }

            return Path.Combine(AppContext.BaseDirectory, "Health.Web.dll");
        }

        public void SampleMemory()
        {
            CurrentKb = ReadStatusKb(_process.Id, "VmRSS:");
            PeakKb = Math.Max(PeakKb, ReadStatusKb(_process.Id, "VmHWM:"));
        }

        /// <summary>SIGTERM (the host stops gracefully), then up to <see cref="StopTimeout"/> before a hard kill.</summary>
        public async Task<StopResult> StopAsync()
        {
            var aliveAtEnd = !_process.HasExited;
            var graceful = true;
            var clock = Stopwatch.StartNew();
            if (aliveAtEnd)
            {
                SampleMemory();
                await SignalTermAsync(_process.Id);
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    graceful = false;
                    _process.Kill(entireProcessTree: true);
                }
            }

            await _process.WaitForExitAsync();
            CloseLog();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soak: the app exited with code {_process.ExitCode} ({clock.Elapsed.TotalSeconds:0.0} s after SIGTERM)"));
            return new StopResult(aliveAtEnd, _process.ExitCode, graceful, clock.Elapsed.TotalSeconds);
        }

        private static async Task SignalTermAsync(int pid)
        {
            var start = new ProcessStartInfo("kill") { UseShellExecute = false };
            start.ArgumentList.Add("-TERM");
            start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
            using var kill = Process.Start(start) ?? throw new InvalidOperationException("could not run kill");
            await kill.WaitForExitAsync();
        }

        private void Write(string? line, string? prefix)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _log.WriteLine(prefix + line);
            }

            if (ErrorTally.IsError(line) && Interlocked.Increment(ref _errorLines) <= MaxEchoedLines)
            {
                Console.Error.WriteLine($"[app] {prefix}{line}");
            }
        }

        /// <summary>Called once the output has ended, so that the log can be read.</summary>
        private void CloseLog()
        {
            lock (_gate)
            {
                _log.Dispose();
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            CloseLog();
        }
    }

    /// <summary>
    /// The lines of the app's output that mention an exception, a lock, SQLite, an access violation or an error log entry,
    /// counted by a short signature: the log entry they belong to and the line with its numbers and ids blanked.
    /// Stack frames are left out (they repeat the exception above them).
    /// </summary>
    private sealed partial class ErrorTally
    {
        private const int SignatureLength = 140;

        private string? _entry;
        private string? _waitingHeader;

        public Dictionary<string, (int Count, string First)> BySignature { get; } = new(StringComparer.Ordinal);

        public int Total { get; private set; }

        public static ErrorTally Read(string logPath)
        {
            var tally = new ErrorTally();
            if (File.Exists(logPath))
            {
                foreach (var line in File.ReadLines(logPath))
                {
                    tally.Add(line);
                }
            }

            tally.Complete();
            return tally;
        }

        public static bool IsError(string line)
        {
            var trimmed = line.TrimStart();
            return !trimmed.StartsWith("at ", StringComparison.Ordinal) && !trimmed.StartsWith("---", StringComparison.Ordinal) && ErrorPattern().IsMatch(line);
        }

        private void Add(string line)
        {
            var header = LogHeader().Match(line);
            if (header.Success)
            {
                Complete();
                _entry = header.Groups["entry"].Value;
                _waitingHeader = IsError(line) ? line : null;
                return;
            }

            _entry = line.StartsWith(' ') ? _entry : null;
            if (_waitingHeader is not null)
            {
                // A fail:/crit: header is named by its first message line.
                Count(_waitingHeader, $"{_waitingHeader.Trim()} {line.Trim()}");
                _waitingHeader = null;
            }

            if (IsError(line))
            {
                Count(line, _entry is null ? line : $"[{_entry}] {line.Trim()}");
            }
        }

        private void Complete()
        {
            if (_waitingHeader is not null)
            {
                Count(_waitingHeader, _waitingHeader);
                _waitingHeader = null;
            }
        }

        private void Count(string line, string text)
        {
            var signature = Noise().Replace(text.Trim(), "#");
            signature = Spaces().Replace(signature, " ");
            signature = signature.Length > SignatureLength ? signature[..SignatureLength] + "…" : signature;
            Total++;
            BySignature[signature] = BySignature.TryGetValue(signature, out var seen) ? (seen.Count + 1, seen.First) : (1, line);
        }

        [GeneratedRegex(@"exception|database is locked|sqlite|accessviolation|(^|\s)(fail|crit):|fatal error", RegexOptions.IgnoreCase)]
        private static partial Regex ErrorPattern();

        /// <summary>The console logger's first line of an entry: <c>fail: Category[EventId]</c>.</summary>
        [GeneratedRegex(@"^(\[stderr\] )?(?<entry>(trce|dbug|info|warn|fail|crit): [^\s\[]+)\[\d+\]")]
        private static partial Regex LogHeader();

        /// <summary>Ids, numbers and quoted values that differ between two occurrences of the same error.</summary>
        [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|0x[0-9a-fA-F]+|\d+")]
        private static partial Regex Noise();

        [GeneratedRegex(@"\s+")]
        private static partial Regex Spaces();
    }
}
