using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Testing;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Tests.Storage;

public sealed class BulkUpsertTests
{
    /// <summary>
    /// Two workers meeting the same accounts on their pages, in opposite orders, each page in its own transaction: on
    /// PostgreSQL, rows locked in two orders would deadlock (and fail a page); locked in key order, every page commits.
    /// </summary>
    [Fact]
    public async Task Upsert_SameRowsInOppositeOrdersAtOnceOnPostgres_EveryTransactionCommits()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using (var db = database.NewDb())
        {
            await db.Database.MigrateAsync();
        }

        async Task WriterAsync(bool reversed)
        {
            for (var round = 0; round < 25; round++)
            {
                var accounts = Enumerable.Range(1, 300)
                    .Select(i => new Account { Id = i, Login = $"user-{i}-{round}-{reversed}", Type = "User" })
                    .ToList();
                if (reversed)
                {
                    accounts.Reverse();
                }

                await using var db = database.NewDb();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await BulkUpsert.UpsertAsync(db, accounts, null, CancellationToken.None);
                await transaction.CommitAsync();
            }
        }

        await Task.WhenAll(Task.Run(() => WriterAsync(reversed: false)), Task.Run(() => WriterAsync(reversed: true)));

        await using var read = database.NewDb();
        Assert.Equal(300, await read.Accounts.CountAsync());
    }
}
