using Health.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Health.Core.Tests.Storage;

/// <summary>
/// A database from before visibility was recorded: each repository it tracks is taken as private (shown to operators only)
/// until its next sync says otherwise, and that sync reads the repository again (its ETag dropped).
/// </summary>
public sealed class RepositoryVisibilityMigrationTests
{
    [Fact]
    public async Task RepositoriesTrackedBefore_ArePrivateUntilSynced_AndReadAgain()
    {
        var directory = Directory.CreateTempSubdirectory("health-migration-").FullName;
        try
        {
            var options = new DbContextOptionsBuilder<HealthDb>().UseSqlite($"Data Source={Path.Combine(directory, "health.db")}").Options;
            await using (var db = new HealthDb(options))
            {
                await db.GetService<IMigrator>().MigrateAsync("20261207224011_StoredRows");
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "Repositories" ("GitHubId", "Owner", "Name", "FullNameKey", "AddedAt", "ETag", "Cron", "TimeZone", "Paused", "Source")
                    VALUES (42, 'acme', 'secret', 'acme/secret', '2026-01-01 00:00:00', 'W/"abc"', '0 * * * *', 'UTC', 1, 0)
                    """);
                await db.Database.MigrateAsync();
            }

            await using (var db = new HealthDb(options))
            {
                var repo = await db.Repositories.SingleAsync();
                Assert.True(repo.IsPrivate);
                Assert.Null(repo.ETag);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
