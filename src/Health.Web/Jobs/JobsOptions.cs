using Microsoft.Extensions.Options;

namespace Health.Web.Jobs;

/// <summary>The background jobs: where Hangfire keeps job state, how many workers, how long a slice of a backfill may run.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary><see cref="JobStorageKind.Sqlite"/> (default, a file beside the app's database) or <see cref="JobStorageKind.InMemory"/>.</summary>
    public JobStorageKind Storage { get; set; } = JobStorageKind.Sqlite;

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
}

public enum JobStorageKind
{
    Sqlite,
    InMemory,
}

internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Storage))
        {
            problems.Add($"{JobsOptions.Section}:Storage must be Sqlite or InMemory.");
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
