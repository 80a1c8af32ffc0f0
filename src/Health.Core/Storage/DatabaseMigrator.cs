using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Health.Core.Storage;

/// <summary>
/// Brings the database to the current schema (migrations, never EnsureCreated), one process at a time, and refuses a
/// database a newer version of Health wrote. SQLite is set to WAL so readers never block the writer. On PostgreSQL the
/// processes starting together (a web and its workers) take turns through a session-level advisory lock.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<HealthDb> dbFactory)
{
    /// <summary>The advisory lock's key: any fixed number, the same in every process of every version ("health" in ASCII).</summary>
    internal const long AdvisoryLockKey = 0x6865616c7468;

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }

            var postgres = db.Database.IsNpgsql();
            if (postgres)
            {
                await ExecuteAsync(db, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
            }

            try
            {
                await RefuseNewerAsync(db, ct);
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                if (postgres)
                {
                    await ExecuteAsync(db, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A database that holds migrations this build does not know was written by a newer version: migrating it down would lose
    /// data. The history table is created first if missing (as the migration would), so that EF reads it without the failed,
    /// logged query it makes on an empty PostgreSQL database.
    /// </summary>
    private static async Task RefuseNewerAsync(HealthDb db, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        await history.CreateIfNotExistsAsync(ct);
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await history.GetAppliedMigrationsAsync(ct)).Select(m => m.MigrationId).Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database was written by a newer version of Health: it holds migration{(unknown.Count == 1 ? string.Empty : "s")} " +
                $"{string.Join(", ", unknown)}, which this version does not know. Run that version (or a later one) against it; this one leaves it untouched.");
        }
    }

    private static async Task ExecuteAsync(HealthDb db, string sql, CancellationToken ct)
    {
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await command.ExecuteScalarAsync(ct);
    }
}
