using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Health.Core.Storage;

/// <summary>Registers <see cref="HealthDb"/> on the configured database and applies migrations at start.</summary>
public static class StorageSetup
{
    /// <summary>The embedded default: a SQLite file under the app's folder.</summary>
    public const string DefaultConnectionString = "Data Source=data/health.db";

    public static IHostApplicationBuilder AddHealthStorage(this IHostApplicationBuilder builder)
    {
        var connectionString = SqliteConnectionString(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddDbContextFactory<HealthDb>(o => o.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));
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
}
