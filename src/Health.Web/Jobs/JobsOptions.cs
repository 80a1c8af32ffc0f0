using Health.Core.Storage;
using Health.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Health.Web.Jobs;

/// <summary>The background jobs: where Hangfire keeps job state, how many workers, how long a slice of a backfill may run.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// <see cref="JobStorageKind.Auto"/> (default: the database's own, see <see cref="StorageFor"/>), <see cref="JobStorageKind.Sqlite"/>
    /// (a file beside the app's database), <see cref="JobStorageKind.Postgres"/> (schema <c>hangfire</c> in the Health database) or
    /// <see cref="JobStorageKind.InMemory"/>.
    /// </summary>
    public JobStorageKind Storage { get; set; } = JobStorageKind.Auto;

    /// <summary>The Hangfire SQLite file; empty: <c>health-jobs.db</c> beside the app's database.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>Jobs run side by side in this process.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>
    /// The longest one sync job runs before it saves its checkpoint and enqueues its continuation. Hangfire's SQLite storage
    /// re-runs a job that holds its lease for 30 minutes, so this stays well below that.
    /// </summary>
    public TimeSpan SliceDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times a failed sync is retried (with exponential backoff from <see cref="RetryDelay"/>) before it stays failed.</summary>
    public int Retries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often workers look for queued and scheduled jobs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On PostgreSQL, how long a running job's worker may go silent before another worker takes the job over (a worker killed
    /// mid-sync): the worker renews its hold every fifth of it while the job runs (Hangfire.PostgreSql's sliding invisibility
    /// timeout), so a job of any length runs once. Also sets the sync lease (<see cref="SyncLeaseDuration"/>).
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The sync lease's duration: half of <see cref="InvisibilityTimeout"/>. Hangfire.PostgreSql renews a running job's hold every
    /// fifth of the timeout, looking once a second, so a killed worker's job is handed on at the earliest 4/5 of the timeout less
    /// a second after its last renewal; from 5 seconds up, half of the timeout is less, so the lease has lapsed by then and the
    /// rerun syncs instead of skipping (a lease that outlived the invisibility would make the rerun skip the sync).
    /// </summary>
    public TimeSpan SyncLeaseDuration => InvisibilityTimeout / 2;

    /// <summary>The job storage <see cref="Storage"/> means on <paramref name="database"/>: Auto is PostgreSQL's own on PostgreSQL, else SQLite.</summary>
    public JobStorageKind StorageFor(DatabaseProvider database) => Storage != JobStorageKind.Auto
        ? Storage
        : database == DatabaseProvider.Postgres ? JobStorageKind.Postgres : JobStorageKind.Sqlite;
}

public enum JobStorageKind
{
    /// <summary>The database's own: <see cref="Postgres"/> on PostgreSQL, <see cref="Sqlite"/> on SQLite.</summary>
    Auto,

    Sqlite,

    /// <summary>Hangfire.PostgreSql in schema <c>hangfire</c> of the Health database: shared by any number of processes.</summary>
    Postgres,

    InMemory,
}

internal sealed class JobsOptionsValidator(DatabaseOptions database, IConfiguration configuration) : IValidateOptions<JobsOptions>
{
    /// <summary>Below this, Hangfire's hold on a job (renewed every fifth, looked at once a second) could lapse before the lease (half).</summary>
    public static readonly TimeSpan MinimumInvisibility = TimeSpan.FromSeconds(5);

    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Storage))
        {
            problems.Add($"{JobsOptions.Section}:Storage must be Auto, Sqlite, Postgres or InMemory.");
        }
        else if (options.Storage == JobStorageKind.Postgres && database.Provider != DatabaseProvider.Postgres)
        {
            problems.Add($"{JobsOptions.Section}:Storage is Postgres, which keeps the jobs in the Health database, but Database:Provider is {database.Provider}: set Database:Provider=Postgres, or {JobsOptions.Section}:Storage=Auto.");
        }
        else if (!ProcessRoles.Read(configuration).Both && database.Provider == DatabaseProvider.Postgres && options.StorageFor(database.Provider) != JobStorageKind.Postgres)
        {
            problems.Add($"{ProcessRoles.Key} runs web and worker apart, and they share jobs only through PostgreSQL: {JobsOptions.Section}:Storage must be Auto or Postgres (it is {options.Storage}).");
        }

        if (options.InvisibilityTimeout < MinimumInvisibility || options.InvisibilityTimeout > TimeSpan.FromHours(1))
        {
            problems.Add($"{JobsOptions.Section}:InvisibilityTimeout must be between 00:00:05 and 01:00:00 (it is {options.InvisibilityTimeout}): a job whose worker died is taken over after it, and the sync lease (half of it) must have lapsed by then.");
        }

        if (options.Workers is < 1 or > 64)
        {
            problems.Add($"{JobsOptions.Section}:Workers must be between 1 and 64 (it is {options.Workers}).");
        }

        if (options.SliceDuration < TimeSpan.FromSeconds(1) || options.SliceDuration > TimeSpan.FromMinutes(20))
        {
            problems.Add($"{JobsOptions.Section}:SliceDuration must be between 00:00:01 and 00:20:00, well below the 30 minutes after which Hangfire's SQLite storage re-runs a job (it is {options.SliceDuration}).");
        }

        if (options.Retries is < 0 or > 20)
        {
            problems.Add($"{JobsOptions.Section}:Retries must be between 0 and 20 (it is {options.Retries}).");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromHours(6))
        {
            problems.Add($"{JobsOptions.Section}:RetryDelay must be between 00:00:00 and 06:00:00 (it is {options.RetryDelay}).");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(50) || options.PollInterval > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{JobsOptions.Section}:PollInterval must be between 00:00:00.05 and 00:05:00 (it is {options.PollInterval}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
