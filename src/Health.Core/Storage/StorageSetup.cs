using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Health.Core.Storage;

/// <summary>Registers <see cref="HealthDb"/> on the configured database (<c>Database:Provider</c>) and applies migrations at start.</summary>
public static class StorageSetup
{
    /// <summary>The embedded default: a SQLite file under the app's folder.</summary>
    public const string DefaultConnectionString = "Data Source=data/health.db";

    /// <summary>The assembly holding the PostgreSQL migration set (EF Core keeps one migrations assembly per provider).</summary>
    public const string PostgresMigrationsAssembly = "Health.Core.Postgres";

    public static IHostApplicationBuilder AddHealthStorage(this IHostApplicationBuilder builder)
    {
        var provider = DatabaseOptions.ReadProvider(builder.Configuration);
        builder.Services.AddSingleton(new DatabaseOptions { Provider = provider });
        if (provider == DatabaseProvider.Postgres)
        {
            var connectionString = PostgresConnectionString(builder.Configuration);
            builder.Services.AddDbContextFactory<HealthDb>(o => o.UseNpgsql(connectionString, n => n.MigrationsAssembly(PostgresMigrationsAssembly)));
        }
        else
        {
            var connectionString = SqliteConnectionString(builder.Configuration, builder.Environment.ContentRootPath);
            builder.Services.AddDbContextFactory<HealthDb>(o => o.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));
        }

        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddSingleton<WriteGate>();
        return builder;
    }

    /// <summary>
    /// <c>ConnectionStrings:Health</c> (default <c>Data Source=data/health.db</c>), a relative file resolved under the app's
    /// folder, its directory created. A malformed value stops start-up with a message naming the key.
    /// </summary>
    public static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Health");
        var raw = string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured;
        SqliteConnectionStringBuilder csb;
        try
        {
            csb = new SqliteConnectionStringBuilder(raw);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new InvalidOperationException($"ConnectionStrings:Health is not a valid SQLite connection string ({e.Message}); expected e.g. '{DefaultConnectionString}'.", e);
        }

        if (string.IsNullOrWhiteSpace(csb.DataSource))
        {
            throw new InvalidOperationException($"ConnectionStrings:Health names no database file; expected e.g. '{DefaultConnectionString}'.");
        }

        if (csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            csb.DataSource = Path.GetFullPath(csb.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }

        return csb.ToString();
    }

    /// <summary>
    /// <c>ConnectionStrings:Health</c> for PostgreSQL: required (there is no embedded default), an Npgsql connection string
    /// naming a host and a database. A missing or malformed value stops start-up with a message naming the key.
    /// </summary>
    public static string PostgresConnectionString(IConfiguration configuration)
    {
        const string Example = "Host=127.0.0.1;Port=5432;Database=health;Username=health;Password=...";
        var raw = configuration.GetConnectionString("Health");
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new InvalidOperationException($"Database:Provider is Postgres but ConnectionStrings:Health is not set; expected e.g. '{Example}'.");
        }

        NpgsqlConnectionStringBuilder csb;
        try
        {
            csb = new NpgsqlConnectionStringBuilder(raw);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            throw new InvalidOperationException($"ConnectionStrings:Health is not a valid PostgreSQL connection string ({e.Message}); expected e.g. '{Example}'.", e);
        }

        if (string.IsNullOrWhiteSpace(csb.Host) || string.IsNullOrWhiteSpace(csb.Database))
        {
            throw new InvalidOperationException($"ConnectionStrings:Health must name a Host and a Database for PostgreSQL; expected e.g. '{Example}'.");
        }

        return csb.ConnectionString;
    }
}
