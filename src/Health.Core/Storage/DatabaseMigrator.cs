using Microsoft.EntityFrameworkCore;

namespace Health.Core.Storage;

/// <summary>Brings the database to the current schema (migrations, never EnsureCreated) and sets SQLite to WAL so readers never block the writer.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<HealthDb> dbFactory)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await db.Database.MigrateAsync(ct);
    }
}
