using GitHubSimulator;
using Health.Core.GitHub.Sync;
using Health.Core.Storage.Entities;
using Health.Core.Tests.Infrastructure;
using Health.Testing;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Tests.GitHub;

public class SyncTests
{
    [Fact]
    public async Task Sync_FreshDatabase_BackfillsTheWholeWorld()
    {
        await using var h = await SyncHarness.StartAsync();

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
        var status = await db.SyncStatuses.SingleAsync();
        Assert.Equal(SyncState.Idle, status.State);
        Assert.NotNull(status.LastSuccessAt);
        Assert.Null(status.LeaseOwner);
        Assert.Equal(report.Requests + 1, h.Server.Log.Total); // + the request that found the repository
    }

    [Fact]
    public async Task Sync_UnchangedSecondRun_CostsOnlyNotModified()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        h.Server.Log.Reset();

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        Assert.InRange(report.Requests, 1, 5);
        Assert.Equal(report.Requests, report.NotModified);
        Assert.Equal(report.Requests, h.Server.Log.NotModified);
        Assert.Equal(0, report.Counts.Values.Sum(c => c.Added + c.Updated));
    }

    [Fact]
    public async Task Sync_ReviewAdded_RereadsReviewsOfThatPullRequestOnly()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        var pr = h.Repo.Pulls[h.Repo.Pulls.Count / 2];
        var reviewer = h.World.Accounts.First(a => a.Type == "User" && a.Id != pr.User?.Id && a.Login != "ghost");
        h.World.AddReview(h.Repo, pr.Number, reviewer, "APPROVED");
        h.Server.Log.Reset();

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        var reviewReads = h.Server.Log.Snapshot().Where(r => r.PathAndQuery.Contains("/reviews", StringComparison.Ordinal)).ToList();
        var read = Assert.Single(reviewReads);
        Assert.Contains($"/pulls/{pr.Number}/reviews", read.PathAndQuery, StringComparison.Ordinal);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_EditedCommentAndRenamedAccount_UpdatesRowsWithoutDuplicates()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        var comment = h.Repo.IssueComments.First(c => c.User is not null);
        h.World.EditIssueComment(h.Repo, comment.Id, "edited body");
        var renamed = h.Repo.Pulls.First(p => p.User is { Type: "User" } && p.User.Login != "ghost").User!;
        h.World.RenameAccount(renamed.Id, renamed.Login + "-renamed");
        h.World.AddIssueComment(h.Repo, h.Repo.Pulls[0].Number, renamed);

        await h.SyncAsync();

        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
        Assert.Equal(1, await db.IssueComments.CountAsync(c => c.Id == comment.Id));
        Assert.EndsWith("-renamed", (await db.Accounts.SingleAsync(a => a.Id == renamed.Id)).Login, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_NewActivityEverywhere_IncrementalSyncCatchesAll()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        var someone = h.World.AddAccount("newcomer-1");
        var pr = h.World.AddPull(h.Repo, someone, "First contribution");
        h.World.AddReviewComment(h.Repo, pr.Number, h.World.Accounts[0]);
        h.World.AddIssue(h.Repo, someone, "A question");
        h.World.MergePull(h.Repo, h.Repo.Pulls.First(p => p.State == "open" && p.Number != pr.Number).Number);

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_BotsAndDeletedAccounts_AreFlagged()
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 300, End = SyncHarness.WorldEnd });

        await h.SyncAsync();

        await using var db = h.NewDb();
        var accounts = await db.Accounts.ToListAsync();
        Assert.Contains(accounts, a => a.Login == "dependabot[bot]" && a.IsBot);
        Assert.Contains(accounts, a => a.Login == "ci-helper" && a.IsBot && a.Type == "User");
        Assert.DoesNotContain(accounts, a => a.IsBot && a.Type == "User" && a.Login != "ci-helper" && !a.Login.EndsWith("[bot]", StringComparison.Ordinal));
        // A deleted account is no author, whether GitHub says user: null or shows its placeholder ghost (REST does, GraphQL does not).
        var deletedAuthorPulls = h.Repo.Pulls.Count(p => p.User is null || p.User.Login == "ghost");
        Assert.True(h.Repo.Pulls.Any(p => p.User is null) && h.Repo.Pulls.Any(p => p.User?.Login == "ghost"), "the world should hold PRs of both kinds of deleted accounts");
        Assert.Equal(deletedAuthorPulls, await db.PullRequests.CountAsync(p => p.AuthorId == null));
        Assert.DoesNotContain(accounts, a => a.Login == "ghost");
    }

    [Fact]
    public async Task Sync_EnterpriseStyleApiRoot_IsUsedExactlyAsGiven()
    {
        await using var h = await SyncHarness.StartAsync(simulator: o => o.PathPrefix = "api/v3");
        Assert.EndsWith("/api/v3/", h.Server.BaseUri.AbsoluteUri, StringComparison.Ordinal);

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        Assert.All(h.Server.Log.Snapshot(), r => Assert.StartsWith("/api/v3/", r.PathAndQuery, StringComparison.Ordinal));
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_PerPullRequestReads_StayWithinConfiguredConcurrency()
    {
        await using var h = await SyncHarness.StartAsync(
            simulator: o => o.Latency = TimeSpan.FromMilliseconds(20),
            settings: new Dictionary<string, string?> { ["GitHub:Concurrency"] = "3" });

        await h.SyncAsync();

        Assert.InRange(h.Server.Log.MaxConcurrent, 2, 3);
    }

    [Fact]
    public async Task Sync_SecondSyncWhileOneRuns_IsSkipped()
    {
        await using var h = await SyncHarness.StartAsync(simulator: o => o.Latency = TimeSpan.FromMilliseconds(30));
        var repo = await h.Tracker.TrackAsync(h.Name, CancellationToken.None);
        var started = new TaskCompletionSource();
        var first = h.Sync.SyncAsync(repo.Repository.Id, new Progress<SyncProgress>(_ => started.TrySetResult()), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await h.Sync.SyncAsync(repo.Repository.Id, null, CancellationToken.None);

        Assert.Equal(SyncOutcome.Skipped, second.Outcome);
        Assert.Equal(SyncOutcome.Succeeded, (await first).Outcome);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }
}
