using GitHubSimulator;
using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Health.Core.Tests.GitHub.GraphQL;
using Health.Core.Tests.Infrastructure;
using Health.Testing;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Tests.Storage;

/// <summary>
/// The same world synced into SQLite and into PostgreSQL fills the same rows and gives the same exports: the derivation's
/// SQL, the bulk upserts and the facts reader run on both providers.
/// </summary>
public sealed class PostgresStorageTests
{
    private static readonly WorldOptions Busy = new() { Prs = 240, End = SyncHarness.WorldEnd, ReviewsScale = 2, CommentsScale = 2, AgentShare = 0.15 };

    [Theory]
    [InlineData("Rest")]
    [InlineData("GraphQL")]
    public async Task Sync_SameWorldOnBothProviders_FillsIdenticalTablesAndExports(string mode)
    {
        await using var sqlite = await GraphQLHarness.StartAsync(Busy, mode: mode);
        await using var postgres = await GraphQLHarness.StartAsync(Busy, mode: mode, provider: DatabaseProvider.Postgres);

        var onSqlite = await sqlite.SyncAsync();
        var onPostgres = await postgres.SyncAsync();

        Assert.True(onSqlite.Outcome == SyncOutcome.Succeeded, onSqlite.Error);
        Assert.True(onPostgres.Outcome == SyncOutcome.Succeeded, onPostgres.Error);
        await using var sqliteDb = sqlite.NewDb();
        await using var postgresDb = postgres.NewDb();
        Assert.True(postgresDb.Database.IsNpgsql());
        if (mode == "Rest")
        {
            // (GraphQL names a bot without REST's [bot] suffix, as the world keeps it; the tables still equal SQLite's.)
            await WorldAssert.DatabaseEqualsWorldAsync(postgresDb, postgres.World, postgres.Repo);
        }

        TableDump.Equal(await TableDump.ReadAsync(sqliteDb), await TableDump.ReadAsync(postgresDb));
        Assert.Equal(
            await postgresDb.ActivityDays.CountAsync(),
            await sqliteDb.ActivityDays.CountAsync());
        Assert.Equal(await GraphQLHarness.ExportsAsync(sqlite), await GraphQLHarness.ExportsAsync(postgres));
    }

    [Fact]
    public async Task Sync_IncrementalChangesOnPostgres_EqualsWorldAndSqlite()
    {
        await using var sqlite = await SyncHarness.StartAsync(Busy);
        await using var postgres = await SyncHarness.StartAsync(Busy, provider: DatabaseProvider.Postgres);
        await sqlite.SyncAsync();
        await postgres.SyncAsync();
        foreach (var h in new[] { sqlite, postgres })
        {
            var someone = h.World.AddAccount("newcomer-1");
            var pr = h.World.AddPull(h.Repo, someone, "First contribution");
            h.World.AddReviewComment(h.Repo, pr.Number, h.World.Accounts[0]);
            h.World.AddIssue(h.Repo, someone, "A question");
            h.World.MergePull(h.Repo, h.Repo.Pulls.First(p => p.State == "open" && p.Number != pr.Number).Number);
        }

        var report = await postgres.SyncAsync();
        await sqlite.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        await using var postgresDb = postgres.NewDb();
        await using var sqliteDb = sqlite.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(postgresDb, postgres.World, postgres.Repo);
        TableDump.Equal(await TableDump.ReadAsync(sqliteDb), await TableDump.ReadAsync(postgresDb));
        Assert.Equal(await GraphQLHarness.ExportsAsync(sqlite), await GraphQLHarness.ExportsAsync(postgres));
    }
}
