using GitHubSimulator;
using Health.Core.GitHub.Sync;
using Health.Core.Storage.Entities;
using Health.Core.Tests.Infrastructure;
using Health.Testing;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Tests.GitHub.GraphQL;

public class GraphQLSyncTests
{
    private static readonly WorldOptions Busy = new() { Prs = 240, End = SyncHarness.WorldEnd, ReviewsScale = 2, CommentsScale = 2 };

    [Fact]
    public async Task Sync_SameWorldThroughRestAndGraphQL_FillsIdenticalTablesAndExports()
    {
        await using var rest = await SyncHarness.StartAsync(Busy);
        await using var graphQL = await GraphQLHarness.StartAsync(Busy);

        var viaRest = await rest.SyncAsync();
        var viaGraphQL = await graphQL.SyncAsync();

        Assert.True(viaRest.Outcome == SyncOutcome.Succeeded, viaRest.Error);
        Assert.True(viaGraphQL.Outcome == SyncOutcome.Succeeded, viaGraphQL.Error);
        Assert.Equal(0, viaRest.GraphQLRequests);
        Assert.True(viaGraphQL.GraphQLRequests > 0, "the GraphQL harness should collect through GraphQL");
        Assert.DoesNotContain(graphQL.Server.Log.Snapshot(), r => r.PathAndQuery.Contains("/reviews", StringComparison.Ordinal));
        Assert.Equal(graphQL.Server.GraphQLPointsUsed, viaGraphQL.Points);
        await using var restDb = rest.NewDb();
        await using var graphQLDb = graphQL.NewDb();
        var status = await graphQLDb.SyncStatuses.SingleAsync();
        Assert.Equal((viaGraphQL.GraphQLRequests, viaGraphQL.Points), (status.GraphQLRequests, status.Points));
        Assert.Equal(5000 - viaGraphQL.Points, status.PointsRemaining);
        await WorldAssert.DatabaseEqualsWorldAsync(graphQLDb, graphQL.World, graphQL.Repo);
        TableDump.Equal(await TableDump.ReadAsync(restDb), await TableDump.ReadAsync(graphQLDb));
        Assert.Equal(await GraphQLHarness.ExportsAsync(rest), await GraphQLHarness.ExportsAsync(graphQL));
    }

    [Fact]
    public async Task Sync_GraphQL_StoresSizesLabelsAndBodiesRestListsLackSizes()
    {
        await using var rest = await SyncHarness.StartAsync();
        await using var graphQL = await GraphQLHarness.StartAsync();

        await rest.SyncAsync();
        await graphQL.SyncAsync();

        await using var restDb = rest.NewDb();
        await using var db = graphQL.NewDb();
        var stored = await db.PullRequests.AsNoTracking().ToDictionaryAsync(p => p.Id);
        lock (graphQL.World.SyncRoot)
        {
            foreach (var pull in graphQL.Repo.Pulls)
            {
                var row = stored[pull.Id];
                Assert.Equal(pull.Additions, row.Additions);
                Assert.Equal(pull.Deletions, row.Deletions);
                Assert.Equal(pull.ChangedFiles, row.ChangedFiles);
                Assert.Equal(string.IsNullOrEmpty(pull.Body) ? null : pull.Body, row.Body);
                Assert.Equal("[" + string.Join(',', pull.Labels.Select(l => $"\"{l}\"")) + "]", row.Labels);
            }
        }

        Assert.True(await restDb.PullRequests.AllAsync(p => p.Additions == null && p.Deletions == null && p.ChangedFiles == null), "REST's list has no sizes: never a guessed 0");
        Assert.True(await restDb.PullRequests.AllAsync(p => p.Labels != null), "REST's list carries labels");
    }

    [Fact]
    public async Task Sync_GraphQLIncrementalAfterChanges_EqualsWorld()
    {
        await using var h = await GraphQLHarness.StartAsync(Busy);
        Assert.Equal(SyncOutcome.Succeeded, (await h.SyncAsync()).Outcome);
        var w = h.World;
        var people = w.Accounts.Where(a => a.Type == AccountTypes.User && a.Login != "ghost").Take(6).ToList();
        var open = h.Repo.Pulls.Where(p => p.State == ItemStates.Open).Take(3).ToList();
        var old = h.Repo.Pulls.OrderBy(p => p.UpdatedAt).First();
        var fresh = w.AddPull(h.Repo, people[0], "a new pull request");
        w.AddReview(h.Repo, fresh.Number, people[1], ReviewStates.ChangesRequested);
        w.AddIssueComment(h.Repo, fresh.Number, people[2]);
        w.AddReviewComment(h.Repo, fresh.Number, people[1]);
        w.AddReview(h.Repo, old.Number, people[3], ReviewStates.Approved);
        w.AddIssueComment(h.Repo, h.Repo.Issues[0].Number, people[4]);
        w.EditIssueComment(h.Repo, h.Repo.IssueComments.OrderBy(c => c.UpdatedAt).First().Id, "edited long after");
        w.MergePull(h.Repo, open[0].Number);
        w.ClosePull(h.Repo, open[1].Number);
        w.EditPull(h.Repo, open[2].Number, "renamed title", "Co-Authored-By: Claude <noreply@anthropic.com>");
        w.AddIssue(h.Repo, people[5], "a new issue");
        w.RenameAccount(people[1].Id, people[1].Login + "-renamed");
        h.Server.Log.Reset();

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        Assert.InRange(report.GraphQLRequests, 2, 4);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
        Assert.Equal("Co-Authored-By: Claude <noreply@anthropic.com>", (await db.PullRequests.SingleAsync(p => p.Number == open[2].Number)).Body);
    }

    [Fact]
    public async Task Sync_AutoWithTokenUnchangedResync_CostsAtMostFiveNotModified()
    {
        await using var h = await GraphQLHarness.StartAsync(mode: "Auto");
        var backfill = await h.SyncAsync();
        Assert.True(backfill.GraphQLRequests > 0, "Auto with a token should backfill through GraphQL");
        h.Server.Log.Reset();

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        Assert.InRange(report.Requests, 1, 5);
        Assert.Equal(report.Requests, report.NotModified);
        Assert.Equal(report.Requests, h.Server.Log.NotModified);
        Assert.Equal(0, report.GraphQLRequests);
    }

    [Fact]
    public async Task Sync_AutoWithTokenAfterChange_ReadsTheChangeThroughGraphQL()
    {
        await using var h = await GraphQLHarness.StartAsync(mode: "Auto");
        await h.SyncAsync();
        var author = h.World.Accounts.First(a => a.Type == AccountTypes.User && a.Login != "ghost");
        h.World.AddPull(h.Repo, author, "one more");
        h.Server.Log.Reset();

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        var queries = h.Server.Log.Snapshot().Where(r => r.Operation is not null).Select(r => r.Operation).ToList();
        Assert.True(report.GraphQLRequests <= 2, string.Join(", ", queries));
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_GraphQLAfterRestBackfillLeftCommentsUnread_ReadsThemThroughRest()
    {
        // REST collected the pull requests and issues, but its comment streams failed; then the token makes Auto take GraphQL,
        // whose passes are now incremental and read no old comment: the comment streams must still be read through REST.
        var failing = new FaultRule(FaultKind.InternalError500, PathContains: "/comments");
        await using var h = await GraphQLHarness.StartAsync(
            simulator: o => o.Faults.Add(failing),
            mode: "Rest",
            settings: new Dictionary<string, string?> { ["GitHub:MaxRetries"] = "0" });
        Assert.Equal(SyncOutcome.Failed, (await h.SyncAsync()).Outcome);
        h.Server.Options.Faults.Clear();

        var report = await h.Sync.SyncAsync(1, null, CancellationToken.None, mode: Health.Core.GitHub.GitHubMode.Auto);

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_HeavyPullRequest_IsFinishedByBatchedFollowUps()
    {
        await using var h = await GraphQLHarness.StartAsync(new WorldOptions { Prs = 30, Issues = 4, End = SyncHarness.WorldEnd });
        var w = h.World;
        var people = w.Accounts.Where(a => a.Type == AccountTypes.User && a.Login != "ghost").Take(5).ToList();
        var heavy = w.AddPull(h.Repo, people[0], "a heavy pull request");
        for (var i = 0; i < 130; i++)
        {
            w.AddReview(h.Repo, heavy.Number, people[1 + (i % 4)], ReviewStates.Commented);
            w.AddIssueComment(h.Repo, heavy.Number, people[1 + (i % 3)]);
        }

        for (var thread = 0; thread < 25; thread++)
        {
            for (var reply = 0; reply < 8; reply++)
            {
                var comment = w.AddReviewComment(h.Repo, heavy.Number, people[1 + (reply % 4)]);
                lock (w.SyncRoot)
                {
                    comment.Path = $"src/file{thread}.cs";
                    comment.Line = 10;
                }
            }
        }

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);

        // A page of PRs and one of issues, then the heavy PR's children: 120 more reviews, 120 more comments, 15 more threads,
        // 25 threads' remaining comments. One request per page of children would be ~35; batched, a handful.
        Assert.InRange(report.GraphQLRequests, 3, 8);
    }

    [Fact]
    public async Task Sync_QueryTooHeavyForGitHub_AsksForFewerAndCompletes()
    {
        await using var h = await GraphQLHarness.StartAsync(simulator: o => o.GraphQLTimeoutNodes = 2_500);

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        Assert.Contains(h.Server.Log.Snapshot(), r => r.Status == 502);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_GraphQLModeWithoutToken_FailsNamingTheSetting()
    {
        await using var h = await SyncHarness.StartAsync(settings: new Dictionary<string, string?> { ["GitHub:Mode"] = "GraphQL" });

        var report = await h.SyncAsync();

        Assert.Equal(SyncOutcome.Failed, report.Outcome);
        Assert.Contains("GitHub:Token", report.Error, StringComparison.Ordinal);
        Assert.Contains("GitHub:Mode=Rest", report.Error, StringComparison.Ordinal);
        await using var db = h.NewDb();
        Assert.Equal(SyncState.Failed, (await db.SyncStatuses.SingleAsync()).State);
    }
}
