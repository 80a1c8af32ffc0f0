using GitHubSimulator;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Storage.Entities;
using Health.Core.Tests.Infrastructure;
using Health.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Health.Core.Tests.GitHub;

public class SyncFaultTests
{
    [Theory]
    [InlineData(FaultKind.BadGateway502)]
    [InlineData(FaultKind.ServiceUnavailable503)]
    [InlineData(FaultKind.InternalError500)]
    [InlineData(FaultKind.SecondaryRateLimit403)]
    [InlineData(FaultKind.TooManyRequests429)]
    [InlineData(FaultKind.DropConnection)]
    [InlineData(FaultKind.TruncatedBody)]
    public async Task Sync_TransientFaultsAtRandomPages_EndsEqualToWorld(FaultKind kind)
    {
        await using var h = await SyncHarness.StartAsync(simulator: o =>
            o.Faults.Add(new FaultRule(kind, Probability: 0.2, PathContains: "per_page=", MaxCount: 4, Seed: (int)kind) { RetryAfterSeconds = 1 }));

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        // Every URL of a backfill is read once, the repository twice (track, then a conditional read):
        // anything beyond that is a retry, one per injected fault.
        var log = h.Server.Log.Snapshot();
        var retries = log.Count - log.Select(r => r.PathAndQuery).Distinct().Count() - 1;
        Assert.Equal(4, retries);
        Assert.Equal(log.Count, report.Requests + 1);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_RequestTimesOut_RetriesAndCompletes()
    {
        // A request timeout shorter than the fault's hold, so the held requests time out (and are retried).
        await using var h = await SyncHarness.StartAsync(
            simulator: o => o.Faults.Add(new FaultRule(FaultKind.Timeout, PathContains: "/reviews", MaxCount: 2) { Delay = TimeSpan.FromSeconds(4) }),
            settings: new Dictionary<string, string?> { ["GitHub:RequestTimeout"] = "00:00:02" });

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_PersistentServerErrors_FailsWithClearMessageAndKeepsData()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        h.World.AddIssue(h.Repo, h.World.Accounts[1], "new");
        h.Server.Options.Faults.Add(new FaultRule(FaultKind.BadGateway502, PathContains: "/issues"));

        var report = await h.SyncAsync();

        Assert.Equal(SyncOutcome.Failed, report.Outcome);
        Assert.Contains("502", report.Error, StringComparison.Ordinal);
        Assert.Contains("attempts", report.Error, StringComparison.Ordinal);
        await using var db = h.NewDb();
        var status = await db.SyncStatuses.SingleAsync();
        Assert.Equal(SyncState.Failed, status.State);
        Assert.Equal(report.Error, status.LastError);
        Assert.Equal(h.Repo.Pulls.Count, await db.PullRequests.CountAsync());
    }

    [Fact]
    public async Task Sync_PrimaryLimitExhaustedWithSoonReset_WaitsAndCompletes()
    {
        await using var h = await SyncHarness.StartAsync(simulator: o =>
        {
            o.RateLimitRemaining = 40;
            o.RateLimitWindow = TimeSpan.FromSeconds(2);
        });

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        Assert.True(h.Server.Log.Total > 40, "the sync needs more than one window's 40 requests: it must have waited for the reset");
        Assert.Equal(0, h.Server.Log.Count(r => r.Status == 403)); // the spent budget was known: nothing was sent into the limit
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_PrimaryLimitExhaustedWithLateReset_StopsWithCheckpointThenResumes()
    {
        // The window runs on the world's clock, which the test moves past the reset, and Health reads the same clock: no
        // waiting for a reset in real time.
        var clock = new FakeTimeProvider(new DateTimeOffset(SyncHarness.WorldEnd));
        await using var h = await SyncHarness.StartAsync(
            simulator: o =>
            {
                // Enough for the first page of PRs and its reviews, not for the second page's.
                o.RateLimitRemaining = 115;
                o.RateLimitWindow = TimeSpan.FromMinutes(10);
            },
            settings: new Dictionary<string, string?> { ["GitHub:MaxRateLimitWait"] = "00:00:00" },
            worldClock: clock,
            clientClock: clock);

        var first = await h.SyncAsync();

        Assert.Equal(SyncOutcome.RateLimited, first.Outcome);
        Assert.NotNull(first.ResumeAfter);
        await using (var db = h.NewDb())
        {
            var status = await db.SyncStatuses.SingleAsync();
            Assert.Equal(SyncState.WaitingForRateLimit, status.State);
            Assert.Equal(first.ResumeAfter, status.RateLimitResetAt);
            Assert.True(await db.PullRequests.AnyAsync(), "pages read before the limit are kept");
        }

        clock.Advance(first.ResumeAfter!.Value - clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
        var second = await h.SyncAsync();

        Assert.True(second.Outcome == SyncOutcome.Succeeded, second.Error);
        await using var after = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(after, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_PullRequestVanishesBeforeItsReviews_IsSkippedNotFatal()
    {
        await using var h = await SyncHarness.StartAsync();
        var gone = h.Repo.Pulls[5].Number;
        h.Server.Options.Faults.Add(new FaultRule(FaultKind.NotFound404, PathContains: $"/pulls/{gone}/reviews"));

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        Assert.Equal(1, report.Vanished);
        await using var db = h.NewDb();
        Assert.Null((await db.PullRequests.SingleAsync(p => p.Number == gone)).ReviewsReadAt);
    }

    [Fact]
    public async Task Track_UnknownRepository_SaysSoAndWritesNothing()
    {
        await using var h = await SyncHarness.StartAsync();

        var e = await Assert.ThrowsAsync<GitHubNotFoundException>(() => h.Tracker.TrackAsync(new RepositoryName("acme", "nope"), CancellationToken.None));

        Assert.Contains("acme/nope", e.Message, StringComparison.Ordinal);
        Assert.Contains("404", e.Message, StringComparison.Ordinal);
        await using var db = h.NewDb();
        Assert.Empty(await db.Repositories.ToListAsync());
    }

    [Fact]
    public async Task Sync_TokenRevokedAfterBackfill_FailsNamingTheTokenAndKeepsData()
    {
        await using var h = await SyncHarness.StartAsync(
            simulator: o => o.Token = "good-token",
            settings: new Dictionary<string, string?> { ["GitHub:Token"] = "good-token" });
        await h.SyncAsync();
        h.Server.Options.Token = "rotated-token";

        var report = await h.SyncAsync();

        Assert.Equal(SyncOutcome.Failed, report.Outcome);
        Assert.Contains("401", report.Error, StringComparison.Ordinal);
        Assert.Contains("GitHub:Token", report.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("good-token", report.Error, StringComparison.Ordinal);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Track_TokenWithoutAccess_IsRefusedWithClearMessage()
    {
        await using var h = await SyncHarness.StartAsync(simulator: o => o.ForbiddenRepositories.Add("acme/widgets"));

        var e = await Assert.ThrowsAsync<GitHubAccessException>(() => h.Tracker.TrackAsync(h.Name, CancellationToken.None));

        Assert.Contains("403", e.Message, StringComparison.Ordinal);
        Assert.Contains("lacks access", e.Message, StringComparison.Ordinal);
    }
}
