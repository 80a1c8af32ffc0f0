using System.Globalization;

namespace Health.Testing;

/// <summary>
/// The one set of settings every test host starts from (the web app on Kestrel, the Core services of a sync test or a
/// bUnit page, the real executable in its own process). The app's defaults are made for a server that syncs GitHub for
/// days: minutes between retries, a poll of the job queue every few seconds. A test of that machinery would sit out those
/// minutes, so each key here is cut to what a test can wait; why, per key, below. A test that needs another value sets it
/// over these, in its own settings, where a reader sees it.
/// </summary>
public static class FastSettings
{
    /// <summary>The settings of an app on a SQLite file in <paramref name="directory"/>, with GitHub at <paramref name="gitHubApi"/>.</summary>
    /// <param name="gitHubApi">The simulator's API root (<c>SimulatorServer.BaseUri</c>).</param>
    /// <param name="directory">A temporary folder of the test's own: the database and the job storage are files in it.</param>
    public static Dictionary<string, string?> For(Uri gitHubApi, string directory) => For(
        gitHubApi,
        directory,
        new Dictionary<string, string?> { ["ConnectionStrings:Health"] = $"Data Source={Path.Combine(directory, "health.db")}" });

    /// <summary>The settings of an app on a test database (either provider), with GitHub at <paramref name="gitHubApi"/>.</summary>
    public static Dictionary<string, string?> For(Uri gitHubApi, TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return For(gitHubApi, database.Directory, database.Settings);
    }

    private static Dictionary<string, string?> For(Uri gitHubApi, string directory, IReadOnlyDictionary<string, string?> database)
    {
        ArgumentNullException.ThrowIfNull(gitHubApi);
        var settings = new Dictionary<string, string?>(database)
        {
            ["GitHub:ApiUrl"] = gitHubApi.ToString(),

            // A retried request (a 502, a dropped connection the simulator injects) goes again after 10 ms, not a second and more.
            ["GitHub:RetryBaseDelay"] = Time(TimeSpan.FromMilliseconds(10)),

            // A secondary limit without Retry-After is waited out for 0.1 s, not GitHub's advised minute.
            ["GitHub:SecondaryLimitDefaultWait"] = Time(TimeSpan.FromMilliseconds(100)),

            // No wait for a rate-limit reset inside a request: the sync stops with a checkpoint and resumes later (the job
            // queue's continuation), which is what the tests of the app check. Not for speed alone: a test never sits out a window.
            ["GitHub:MaxRateLimitWait"] = Time(TimeSpan.Zero),

            // Not for speed: a bound for a hung request well above what a loaded 2-core machine needs for a loopback answer
            // (the default, 30 s, would let a hang eat a test's whole deadline).
            ["GitHub:RequestTimeout"] = Time(TimeSpan.FromSeconds(10)),

            // Not for speed: the simulated world's bot without a "[bot]" suffix, which the metrics' reference rules leave out too.
            ["GitHub:ExtraBotLogins:0"] = "ci-helper",

            // The job storage (when on SQLite) is a file of the test's own, removed with its folder.
            ["Jobs:SqlitePath"] = Path.Combine(directory, "jobs.db"),

            // A queued job is picked up within 0.1 s, not the poll of a server that has all day.
            ["Jobs:PollInterval"] = Time(TimeSpan.FromMilliseconds(100)),

            // A few jobs side by side (a sync, a derivation, a report), no more than a 2-core machine runs well.
            ["Jobs:Workers"] = "3",

            // A failed job's retry comes after 0.2 s, not after minutes.
            ["Jobs:RetryDelay"] = Time(TimeSpan.FromMilliseconds(200)),

            // Live pages refresh every 0.1 s, so a test sees a new state at once.
            ["Dashboard:RefreshInterval"] = Time(TimeSpan.FromMilliseconds(100)),

            // Yearly on January 1st: a tracked repository's recurring sync never fires in the middle of a test.
            ["Health:DefaultCron"] = "0 0 1 1 *",

            // The tests' output shows what went wrong, not every request.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        return settings;
    }

    /// <summary>Sets <paramref name="overrides"/> over <paramref name="settings"/> (a null value removes nothing: it sets null).</summary>
    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, IEnumerable<KeyValuePair<string, string?>>? overrides)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private static string Time(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
