using Health.Core.Storage;
using Health.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Health.Core.Tests.Storage;

/// <summary>Start-up's migration on both providers: one process at a time, never over a newer version's database; the provider's settings checked with their keys.</summary>
public sealed class DatabaseMigratorTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_DatabaseANewerVersionWrote_IsRefusedAndLeftAsItWas(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using (var host = Host(database.Settings))
        {
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        await using (var db = database.NewDb())
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29990101000000_FromTheFuture', '99.0.0')""");
        }

        using (var host = Host(database.Settings))
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None));
            Assert.Contains("written by a newer version of Health", e.Message, StringComparison.Ordinal);
            Assert.Contains("29990101000000_FromTheFuture", e.Message, StringComparison.Ordinal);
        }

        await using (var db = database.NewDb())
        {
            Assert.Equal(db.Database.GetMigrations().Count() + 1, (await db.Database.GetAppliedMigrationsAsync()).Count());
        }
    }

    /// <summary>A web process and its workers starting together against an empty PostgreSQL database: each migrates, one at a time, and all start.</summary>
    [Fact]
    public async Task Migrate_SeveralProcessesAtOnceOnPostgres_AllStartAndTheSchemaIsWhole()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var hosts = Enumerable.Range(0, 4).Select(_ => Host(database.Settings)).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None))));
        }
        finally
        {
            hosts.ForEach(h => h.Dispose());
        }

        await using var db = database.NewDb();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Repositories.CountAsync());
    }

    [Theory]
    [InlineData("Oracle", null, "Database:Provider must be Sqlite or Postgres (it is 'Oracle')")]
    [InlineData("1", null, "Database:Provider must be Sqlite or Postgres (it is '1')")]
    [InlineData("Postgres", null, "Database:Provider is Postgres but ConnectionStrings:Health is not set")]
    [InlineData("Postgres", "Data Source=data/health.db", "ConnectionStrings:Health is not a valid PostgreSQL connection string")]
    [InlineData("Postgres", "Port=5432;Username=health", "ConnectionStrings:Health must name a Host and a Database")]
    [InlineData("Sqlite", "Host=127.0.0.1;Database=health", "ConnectionStrings:Health is not a valid SQLite connection string")]
    public void Start_BadDatabaseSettings_StopsWithAMessageNamingTheKey(string provider, string? connectionString, string message)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Host(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Health"] = connectionString,
        }).Dispose());

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ProviderNamedInAnyCase_IsAccepted()
    {
        using var host = Host(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Health"] = "Host=127.0.0.1;Database=health",
        });

        Assert.Equal(DatabaseProvider.Postgres, host.Services.GetRequiredService<DatabaseOptions>().Provider);
    }

    private static IHost Host(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetTempPath(), DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddHealthStorage();
        return builder.Build();
    }
}
