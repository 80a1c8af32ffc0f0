using GitHubSimulator;
using Health.Core.GitHub.Sync;
using Health.Core.Storage.Entities;
using Health.Core.Tests.Infrastructure;
using Health.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Health.Core.Tests.GitHub.GraphQL;

public class GraphQLFaultTests
{
    [Theory]
    [InlineData(FaultKind.BadGateway502)]
    [InlineData(FaultKind.ServiceUnavailable503)]
    [InlineData(FaultKind.InternalError500)]
    [InlineData(FaultKind.SecondaryRateLimit403)]
    [InlineData(FaultKind.TooManyRequests429)]
    [InlineData(FaultKind.DropConnection)]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.PartialData)]
    public async Task Sync_FaultsAtRandomQueries_EndsEqualToWorld(FaultKind kind)
    {
        await using var h = await GraphQLHarness.StartAsync(
            new WorldOptions { Prs = 300, End = SyncHarness.WorldEnd },
            o => o.Faults.Add(new FaultRule(kind, Probability: 0.5, PathContains: "graphql", MaxCount: 4, Seed: (int)kind) { RetryAfterSeconds = 1 }),
            settings: new Dictionary<string, string?> { ["GitHub:GraphQLPageSize"] = "40" });

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        Assert.InRange(h.Server.Options.Faults.Fired, 1, 4);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_PartialDataEveryTime_FailsWithoutStoringThePage()
    {
        await using var h = await GraphQLHarness.StartAsync(
            simulator: o => o.Faults.Add(new FaultRule(FaultKind.PartialData, PathContains: "graphql")),
            settings: new Dictionary<string, string?> { ["GitHub:MaxRetries"] = "1" });

        var report = await h.SyncAsync();

        Assert.Equal(SyncOutcome.Failed, report.Outcome);
        Assert.Contains("attempts", report.Error, StringComparison.Ordinal);
        await using var db = h.NewDb();
        Assert.Equal(0, await db.PullRequests.CountAsync());
        Assert.Equal(0, await db.Issues.CountAsync());
    }

    [Fact]
    public async Task Sync_GraphQLPointsRunOut_StopsWithCheckpointThenResumes()
    {
        // The window runs on the world's clock, which the test moves, and Health reads the same clock (it keeps each identity's
        // reset, and asks nothing of a spent one before it): no waiting for a reset.
        var clock = new FakeTimeProvider(new DateTimeOffset(SyncHarness.WorldEnd));
        await using var h = await GraphQLHarness.StartAsync(
            new WorldOptions { Prs = 300, End = SyncHarness.WorldEnd },
            o =>
            {
                o.GraphQLRateLimit = 12;
                o.RateLimitWindow = TimeSpan.FromMinutes(10);
            },
            settings: new Dictionary<string, string?> { ["GitHub:MaxRateLimitWait"] = "00:00:00", ["GitHub:GraphQLPageSize"] = "40" },
            worldClock: clock,
            clientClock: clock);

        var first = await h.SyncAsync();

        Assert.Equal(SyncOutcome.RateLimited, first.Outcome);
        Assert.NotNull(first.ResumeAfter);
        await using (var db = h.NewDb())
        {
            var status = await db.SyncStatuses.SingleAsync();
            Assert.Equal(SyncState.WaitingForRateLimit, status.State);
            // Which lane, pull requests or issues, spends the few points first varies from run to run: the pages read are kept,
            // and a stream stopped part-way keeps its GraphQL cursor as its checkpoint.
            var prs = await db.PullRequests.CountAsync();
            var issues = await db.Issues.CountAsync();
            Assert.True(prs + issues > 0, "pages read before the limit are kept");
            Assert.True(prs < h.Repo.Pulls.Count || issues < h.Repo.Issues.Count, "the points should run out before the end");
            foreach (var (stream, kept, all) in new[] { (SyncStream.PullRequests, prs, h.Repo.Pulls.Count), (SyncStream.Issues, issues, h.Repo.Issues.Count) })
            {
                if (kept > 0 && kept < all)
                {
                    Assert.True(await db.SyncCursors.AnyAsync(c => c.Stream == stream && c.NextCursor != null), $"the GraphQL cursor is the checkpoint of {stream}");
                }
            }
        }

        var resumed = first;
        for (var attempt = 0; attempt < 10 && resumed.Outcome != SyncOutcome.Succeeded; attempt++)
        {
            clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
            resumed = await h.SyncAsync();
            Assert.True(resumed.Outcome is SyncOutcome.Succeeded or SyncOutcome.RateLimited, resumed.Error);
        }

        Assert.Equal(SyncOutcome.Succeeded, resumed.Outcome);
        await using var after = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(after, h.World, h.Repo);
    }
}
