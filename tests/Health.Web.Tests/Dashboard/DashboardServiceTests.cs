using Health.Core.Dashboard;
using Health.Core.Metrics.Formulas;
using static Health.Web.Tests.Dashboard.DashboardWorld;

namespace Health.Web.Tests.Dashboard;

/// <summary><see cref="DashboardService"/> over small hand-built repositories in a real SQLite file.</summary>
public sealed class DashboardServiceTests
{
    private static readonly DateOnly January = new(2026, 1, 1);
    private static readonly DateOnly March = new(2026, 3, 15);

    private static async Task<DashboardWorld> PeopleAsync()
    {
        var world = await StartAsync();
        world.Account(1, "alice").Account(2, "bob").Account(3, "carol").Account(4, "dave").Account(7, "erin")
            .Account(5, "dependabot[bot]", "Bot").Account(6, "ghost").Account(8, "ci-runner", "Bot").Account(9, "frank");
        return world;
    }

    [Fact]
    public async Task ChartsAsync_ReviewsOfSeveralKinds_ReviewLoadCountsSubmittedHumanReviewsByOthers()
    {
        await using var world = await PeopleAsync();
        world.Pr(1, 7, At(2026, 1, 2)).Pr(2, 1, At(2026, 1, 3)).Pr(3, 5, At(2026, 1, 4))
            .Review(1, 1, At(2026, 1, 5)).Review(1, 1, At(2026, 1, 6), "COMMENTED").Review(1, 2, At(2026, 1, 7), "CHANGES_REQUESTED")
            .Review(2, 1, At(2026, 1, 7), "COMMENTED") // the PR's author
            .Review(2, 3, At(2026, 1, 8))
            .Review(1, 8, At(2026, 1, 8)) // a bot
            .Review(1, 6, At(2026, 1, 8)) // a deleted account
            .Review(1, 4, null, "PENDING")
            .Review(3, 2, At(2026, 1, 9)) // a human reviewing a bot's PR counts
            .Review(1, 1, At(2026, 2, 2), "DISMISSED");
        await world.SaveAsync();

        var charts = await world.Dashboard.ChartsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);

        Assert.Equal([At(2026, 1, 1), At(2026, 2, 1), At(2026, 3, 1)], charts.Periods.Select(p => p.PeriodStart));
        Assert.Equal(new ReviewLoadShares(5, 3, 0.4, 1.0, 1.0), charts.Periods[0].ReviewLoad);
        Assert.Equal(new ReviewLoadShares(1, 1, 1.0, 1.0, 1.0), charts.Periods[1].ReviewLoad);
        Assert.Equal(new ReviewLoadShares(0, 0, null, null, null), charts.Periods[2].ReviewLoad);
        Assert.Equal([1, 0, 0], charts.Periods.Select(p => p.BotPrsOpened));
    }

    [Fact]
    public async Task ChartsAsync_TwoReviewedPrs_FirstReviewP90IgnoresAuthorAndMatchesMetricsMedian()
    {
        await using var world = await PeopleAsync();
        world.Pr(1, 7, At(2026, 1, 2)).Pr(2, 1, At(2026, 1, 3)).Pr(3, 5, At(2026, 1, 4))
            .Review(1, 1, At(2026, 1, 5)) // 72 h
            .Review(2, 1, At(2026, 1, 4)) // by the author: no review
            .Review(2, 3, At(2026, 1, 8)) // 120 h
            .Review(3, 2, At(2026, 1, 4, 1)); // a bot's PR: left out

        await world.SaveAsync();

        var charts = await world.Dashboard.ChartsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);
        var rows = await world.Metrics.ForRepositoryAsync(world.RepositoryId, "acme/widgets", PeriodKind.Month, January, March, CancellationToken.None);

        Assert.Equal(72 + (0.9 * 48), charts.Periods[0].PrFirstReviewP90H!.Value, 9);
        Assert.Equal(96, rows[0].PrFirstReviewMedianH);
        Assert.Null(charts.Periods[1].PrFirstReviewP90H);
    }

    [Fact]
    public async Task ActionListsAsync_OpenItemsWithAndWithoutResponses_ListsUnansweredOldestFirst()
    {
        await using var world = await PeopleAsync();
        world.Pr(10, 7, At(2026, 3, 1)).Pr(11, 2, At(2026, 2, 1)).Pr(12, 5, At(2026, 1, 1)).Pr(13, 3, At(2026, 1, 2), draft: true)
            .Pr(14, 4, At(2026, 1, 3)).Comment(14, 1, At(2026, 1, 4))
            .Pr(15, 4, At(2026, 2, 15)).Comment(15, 4, At(2026, 2, 16))
            .Pr(16, 7, At(2026, 3, 10)).Comment(16, 8, At(2026, 3, 11))
            .Pr(17, 3, At(2026, 1, 5), closed: At(2026, 1, 6))
            .Pr(18, null, At(2026, 3, 12))
            .Issue(100, 2, At(2026, 2, 20)).Issue(101, 5, At(2026, 1, 1)).Issue(102, 3, At(2026, 1, 2)).Comment(102, 1, At(2026, 1, 3))
            .Issue(103, 3, At(2026, 1, 2), closed: At(2026, 1, 9)).Issue(104, 9, At(2026, 1, 20)).Comment(104, 9, At(2026, 1, 21));
        await world.SaveAsync();

        var lists = await world.Dashboard.ActionListsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);

        Assert.Equal([11, 15, 10, 16, 18], lists.WaitingPrs.Items.Select(i => i.Number));
        Assert.Equal(5, lists.WaitingPrs.Total);
        var oldest = lists.WaitingPrs.Items[0];
        Assert.Equal(("bob", Now - At(2026, 2, 1), "https://github.com/acme/widgets/pull/11"), (oldest.AuthorLogin, oldest.Waiting, oldest.Url));
        Assert.Null(lists.WaitingPrs.Items[4].AuthorLogin);
        Assert.Equal([104, 100], lists.WaitingIssues.Items.Select(i => i.Number));
        Assert.Equal("https://github.com/acme/widgets/issues/104", lists.WaitingIssues.Items[0].Url);
    }

    /// <summary>The lists follow the data as soon as it is derived (no minute of lag), and their waiting times follow the clock.</summary>
    [Fact]
    public async Task ActionListsAsync_AnswerArrivesThenTimePasses_ListsFollowAtOnce()
    {
        await using var world = await PeopleAsync();
        world.Pr(20, 2, At(2026, 3, 1)).Pr(21, 3, At(2026, 3, 2));
        await world.SaveAsync();
        var first = await world.Dashboard.ActionListsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);
        Assert.Equal([20, 21], first.WaitingPrs.Items.Select(i => i.Number));
        Assert.Equal(Now - At(2026, 3, 1), first.WaitingPrs.Items[0].Waiting);

        world.Clock.UtcNow = Now.AddHours(2);
        var later = await world.Dashboard.ActionListsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);
        Assert.Equal(Now.AddHours(2) - At(2026, 3, 1), later.WaitingPrs.Items[0].Waiting);

        world.Comment(20, 1, At(2026, 3, 3));
        await world.SaveAsync();
        var answered = await world.Dashboard.ActionListsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);
        Assert.Equal([21], answered.WaitingPrs.Items.Select(i => i.Number));
        Assert.Equal(1, answered.WaitingPrs.Total);
    }

    [Fact]
    public async Task ActionListsAsync_RangeEndsInCurrentMonth_NewcomersOfLastCompleteMonth()
    {
        await using var world = await PeopleAsync();
        world.Pr(1, 2, At(2025, 12, 1)) // bob's first PR is older
            .Pr(2, 2, At(2026, 2, 2))
            .Pr(3, 4, At(2026, 2, 5, 9), title: "Fix typo").Pr(4, 4, At(2026, 2, 20)) // dave: first PR #3
            .Pr(5, 9, At(2026, 2, 3), merged: At(2026, 2, 4)) // frank, merged
            .Pr(6, 3, At(2026, 2, 6), closed: At(2026, 2, 7)) // carol, closed unmerged
            .Pr(7, 5, At(2026, 2, 8)) // a bot
            .Pr(8, 7, At(2026, 3, 2)); // erin: March is not complete
        await world.SaveAsync();

        var lists = await world.Dashboard.ActionListsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);
        var rows = await world.Metrics.ForRepositoryAsync(world.RepositoryId, "acme/widgets", PeriodKind.Month, January, March, CancellationToken.None);

        Assert.Equal(At(2026, 2, 1), lists.NewcomersPeriodStart);
        Assert.Equal(["carol", "dave", "frank"], lists.Newcomers.Select(n => n.Login));
        Assert.Equal(rows[1].Newcomers, lists.Newcomers.Count);
        var dave = lists.Newcomers[1];
        Assert.Equal((3, "Fix typo", FirstPrOutcome.Open, "https://github.com/dave", "https://github.com/acme/widgets/pull/3"), (dave.FirstPrNumber, dave.FirstPrTitle, dave.Outcome, dave.ProfileUrl, dave.FirstPrUrl));
        Assert.Equal([FirstPrOutcome.ClosedUnmerged, FirstPrOutcome.Open, FirstPrOutcome.Merged], lists.Newcomers.Select(n => n.Outcome));
    }

    [Fact]
    public async Task ChartsAsync_NewcomersComingBack_CohortCellsMatchNewcomerCounts()
    {
        await using var world = await PeopleAsync();
        world.Pr(1, 7, At(2026, 1, 2)).Pr(2, 7, At(2026, 1, 20)).Pr(3, 7, At(2026, 2, 10)) // erin: back in months 0 and 1
            .Pr(4, 1, At(2026, 1, 3)) // alice: never again
            .Pr(5, 3, At(2025, 6, 1)).Pr(6, 3, At(2026, 1, 9)) // carol: newcomer long before
            .Pr(7, 5, At(2026, 1, 4)) // a bot is no newcomer
            .Pr(8, 2, At(2026, 2, 1)); // bob: February's only newcomer
        await world.SaveAsync();

        var charts = await world.Dashboard.ChartsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);
        var rows = await world.Metrics.ForRepositoryAsync(world.RepositoryId, "acme/widgets", PeriodKind.Month, January, March, CancellationToken.None);

        Assert.Equal(rows.Select(r => r.Newcomers), charts.Cohorts.Select(c => c.Newcomers));
        Assert.Equal([0.5, 0.5, null], charts.Cohorts[0].Shares.Take(3));
        Assert.Equal([0.0, null], charts.Cohorts[1].Shares.Take(2));
        Assert.All(charts.Cohorts[2].Shares, Assert.Null);
    }

    [Fact]
    public void Links_EnterpriseApiRoot_PointsAtThatHost()
    {
        var links = new GitHubLinks("https://git.example.com/api/v3/");

        Assert.Equal("https://git.example.com/acme/widgets/pull/7", links.PullRequest("acme", "widgets", 7));
        Assert.Equal("https://github.com/octocat", new GitHubLinks("https://api.github.com/").Profile("octocat"));
    }

    [Fact]
    public async Task ChartsAsync_SameViewTwice_ReusesTheResultUntilTheNextSyncFinishes()
    {
        await using var world = await PeopleAsync();
        world.Pr(1, 7, At(2026, 1, 2)).Review(1, 1, At(2026, 1, 5));
        await world.SaveAsync();

        var first = await world.Dashboard.ChartsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);
        var again = await world.Dashboard.ChartsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);
        await world.SyncFinishedAsync(At(2026, 3, 15, 13));
        var afterSync = await world.Dashboard.ChartsAsync(world.RepositoryId, PeriodKind.Month, January, March, CancellationToken.None);

        Assert.Same(first, again);
        Assert.NotSame(first, afterSync);
        Assert.Equal(first.Periods.Select(p => p.ReviewLoad), afterSync.Periods.Select(p => p.ReviewLoad));
    }
}
