using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace Health.Web.Jobs;

/// <summary>
/// Hangfire's jobs in the Health database on PostgreSQL, in a schema of their own (<see cref="Schema"/>), shared by every web
/// and worker process: a queued job is fetched by one worker (<c>FOR UPDATE SKIP LOCKED</c>), and a running job stays that
/// worker's while it lives (the sliding invisibility timeout, <see cref="JobsOptions.InvisibilityTimeout"/>).
/// </summary>
internal static class PostgresJobStorage
{
    public const string Schema = "hangfire";

    /// <summary>The advisory lock the schema is installed under: a fixed number, the same in every process ("hfjobs" in ASCII).</summary>
    private const long InstallLockKey = 0x68666a6f6273;

    public static JobStorage Create(string connectionString, JobsOptions jobs)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = false,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = jobs.InvisibilityTimeout,
            QueuePollInterval = jobs.PollInterval,
        };
        InstallSchema(connectionString);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>
    /// Creates or upgrades the job tables, one process at a time. Hangfire.PostgreSql's own installer takes no lock: processes
    /// starting together on a new database race on its <c>CREATE SCHEMA</c>, and the losers log an error and stop upgrading
    /// (measured with 1.21.1), so it runs here under a session-level advisory lock.
    /// </summary>
    private static void InstallSchema(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Execute(connection, $"SELECT pg_advisory_lock({InstallLockKey})");
        try
        {
            PostgreSqlObjectsInstaller.Install(connection, Schema);
        }
        finally
        {
            Execute(connection, $"SELECT pg_advisory_unlock({InstallLockKey})");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteScalar();
    }
}
