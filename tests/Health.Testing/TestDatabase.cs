using Health.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Health.Testing;

/// <summary>
/// A database of its own for one test (or one fixture): a SQLite file in a temporary folder, or a fresh database on the
/// PostgreSQL server named by <see cref="PostgresVariable"/> (the suite's throwaway cluster, which <c>.ci/test</c> starts).
/// Disposing it removes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>An Npgsql connection string to the test server's maintenance database; each test database is created on it.</summary>
    public const string PostgresVariable = "HEALTH_TEST_POSTGRES";

    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string directory, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Directory = directory;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>What <c>ConnectionStrings:Health</c> holds.</summary>
    public string ConnectionString { get; }

    /// <summary>A temporary folder of this database's own (for SQLite, the file's), removed with it.</summary>
    public string Directory { get; }

    /// <summary>The settings that point the app at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Health"] = ConnectionString,
    };

    /// <summary>A context on this database, without the app's services (for a test's own reads and writes).</summary>
    public HealthDb NewDb() => new(Provider == DatabaseProvider.Postgres
        ? new DbContextOptionsBuilder<HealthDb>().UseNpgsql(ConnectionString, n => n.MigrationsAssembly(StorageSetup.PostgresMigrationsAssembly)).Options
        : new DbContextOptionsBuilder<HealthDb>().UseSqlite(ConnectionString).Options);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("health-test-").FullName;
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(provider, $"Data Source={Path.Combine(directory, "health.db")}", directory, null);
        }

        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString());
        var name = $"health_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        server.Database = name;
        return new TestDatabase(provider, server.ConnectionString, directory, name);
    }

    /// <summary>The server's connection string, or a message saying how to get one.</summary>
    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"This test runs on PostgreSQL and {PostgresVariable} is not set. Run the suite with 'bash .ci/test' (it starts a throwaway " +
                $"PostgreSQL cluster), or set {PostgresVariable} to a connection string of a server where this user may create databases, " +
                "e.g. 'Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres'.");

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(ServerConnectionString());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder.
        }
    }
}
