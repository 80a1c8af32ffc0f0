using GitHubSimulator;
using Health.Core.Dashboard;
using Health.Core.GitHub;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Core.Tests.Infrastructure;
using Health.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Core.Tests.Metrics;

public class MetricsServiceTests
{
    [Fact]
    public async Task ForRepository_AfterAnotherSync_SeesTheNewActivity()
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 150, End = DateTime.UtcNow.AddDays(-2) });
        var repo = (await h.Tracker.TrackAsync(h.Name, CancellationToken.None)).Repository;
        await h.Sync.SyncAsync(repo.Id, null, CancellationToken.None);
        var metrics = h.Service<MetricsService>();
        var before = await metrics.ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None);
        var again = await metrics.ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None);
        Assert.Equal(before, again);

        var newcomer = h.World.AddAccount("first-timer");
        h.World.AddPull(h.Repo, newcomer, "Fix a typo");
        await h.Sync.SyncAsync(repo.Id, null, CancellationToken.None);
        var after = await metrics.ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None);

        Assert.Equal(before[^1].PrsOpened + 1, after[^1].PrsOpened);
        Assert.Equal(before[^1].Newcomers + 1, after[^1].Newcomers);
        Assert.Equal(before[^1].PrsUnanswered + 1, after[^1].PrsUnanswered);
        Assert.Equal((1, 1), (metrics.Loads, metrics.Refreshes));
    }

    /// <summary>
    /// After a sync that changed a few items (a new PR with an answer, a first review on an old one, a merge, a close, an issue's
    /// first comment, a new issue), the kept facts are brought up to date by reading only what that sync derived, and give
    /// exactly what a service reading everything afresh gives.
    /// </summary>
    [Fact]
    public async Task ForRepository_AfterAChangeSync_ReadsOnlyTheChangeAndEqualsAFreshRead()
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 200, End = DateTime.UtcNow.AddDays(-2) });
        var repo = (await h.Tracker.TrackAsync(h.Name, CancellationToken.None)).Repository;
        await h.Sync.SyncAsync(repo.Id, null, CancellationToken.None);
        var metrics = h.Service<MetricsService>();
        var before = await metrics.ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Week, null, null, CancellationToken.None);
        Assert.Equal((1, 0), (metrics.Loads, metrics.Refreshes));
        var (from, to) = (DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(-14)), DateOnly.FromDateTime(DateTime.UtcNow));
        var chartsBefore = Json(await h.Service<DashboardService>().ChartsAsync(repo.Id, PeriodKind.Month, from, to, CancellationToken.None));

        var w = h.World;
        var people = w.Accounts.Where(a => a.Type == AccountTypes.User && a.Login != "ghost").Take(3).ToList();
        var fresh = w.AddPull(h.Repo, people[0], "new");
        w.AddIssueComment(h.Repo, fresh.Number, people[1]);
        var unreviewed = h.Repo.Pulls.First(p => p.State == "open" && p.User is not null && p.User.Id != people[2].Id && h.Repo.Reviews.All(r => r.PullNumber != p.Number));
        w.AddReview(h.Repo, unreviewed.Number, people[2], ReviewStates.Approved);
        var open = h.Repo.Pulls.Where(p => p.State == "open" && p.Number != unreviewed.Number).Take(2).ToList();
        w.MergePull(h.Repo, open[0].Number);
        w.ClosePull(h.Repo, open[1].Number);
        var issue = w.AddIssue(h.Repo, people[1], "a question");
        w.AddIssueComment(h.Repo, issue.Number, people[0]);
        await h.Sync.SyncAsync(repo.Id, null, CancellationToken.None);

        var after = await metrics.ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Week, null, null, CancellationToken.None);
        Assert.Equal((1, 1), (metrics.Loads, metrics.Refreshes));
        Assert.NotEqual(before, after);

        // The dashboard's charts (review load, first-review p90, cohorts) come from the same kept facts, reviews included.
        var charts = Json(await h.Service<DashboardService>().ChartsAsync(repo.Id, PeriodKind.Month, from, to, CancellationToken.None));
        Assert.NotEqual(chartsBefore, charts);
        using var afresh = NewService(h, cacheRows: 10_000_000);
        using var freshDashboard = new DashboardService(h.Service<IDbContextFactory<HealthDb>>(), afresh, TimeProvider.System, h.Service<IOptions<GitHubOptions>>());
        Assert.Equal(Json(await freshDashboard.ChartsAsync(repo.Id, PeriodKind.Month, from, to, CancellationToken.None)), charts);

        Assert.Equal(await afresh.ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Week, null, null, CancellationToken.None), after);
        Assert.Equal(
            await afresh.ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None),
            await metrics.ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None));
        Assert.Equal((1, 1), (metrics.Loads, metrics.Refreshes));
    }

    /// <summary>A whole derivation (bot rules changed) is not something to lay over kept facts: they are read again whole.</summary>
    [Fact]
    public async Task ForRepository_AfterAWholeDerivation_ReadsTheFactsAgain()
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 100, End = SyncHarness.WorldEnd });
        var repo = (await h.Tracker.TrackAsync(h.Name, CancellationToken.None)).Repository;
        await h.Sync.SyncAsync(repo.Id, null, CancellationToken.None);
        var metrics = h.Service<MetricsService>();
        var before = await metrics.ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None);
        await using (var db = h.NewDb())
        {
            (await db.DerivedStates.SingleAsync()).BotRules = "other rules";
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await h.Service<DerivedFacts>().DeriveStaleAsync(null, null, CancellationToken.None));
        Assert.Equal(before, await metrics.ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None));
        Assert.Equal((2, 0), (metrics.Loads, metrics.Refreshes));
        Assert.Equal(0, await h.Service<DerivedFacts>().DeriveStaleAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task ForGroup_PoolsTheRepositoriesKeptFacts_AndTheCacheLetsTheLeastRecentGo()
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 300, ExtraRepositories = 1, End = SyncHarness.WorldEnd });
        var first = (await h.Tracker.TrackAsync(h.Name, CancellationToken.None)).Repository;
        var second = (await h.Tracker.TrackAsync(new Health.Core.GitHub.RepositoryName("acme", "widgets-2"), CancellationToken.None)).Repository;
        await h.Sync.SyncAsync(first.Id, null, CancellationToken.None);
        await h.Sync.SyncAsync(second.Id, null, CancellationToken.None);

        // The group is its two repositories' facts: read once each, and pooled from them afterwards.
        var unbounded = h.Service<MetricsService>();
        var a = await unbounded.ForRepositoryAsync(first.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None);
        var both = await unbounded.ForGroupAsync([first.Id, second.Id], "acme", PeriodKind.Month, null, null, CancellationToken.None);
        Assert.Equal(2, unbounded.Loads);
        Assert.Equal(both, await unbounded.ForGroupAsync([second.Id, first.Id], "acme", PeriodKind.Month, null, null, CancellationToken.None));
        Assert.Equal(2, unbounded.Loads);

        // A cache that holds either repository's facts but not both.
        int rows;
        await using (var db = h.NewDb())
        {
            var rules = h.Service<DerivedFacts>().CurrentRules;
            rows = Math.Max(Rows(await FactsLoader.LoadAsync(db, first.Id, rules, null, CancellationToken.None)), Rows(await FactsLoader.LoadAsync(db, second.Id, rules, null, CancellationToken.None)));
        }

        using var metrics = NewService(h, cacheRows: rows + 1);
        Assert.Equal(a, await metrics.ForRepositoryAsync(first.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None));
        Assert.True(metrics.Holds([first.Id]));
        Assert.Equal(both, await metrics.ForGroupAsync([first.Id, second.Id], "acme", PeriodKind.Month, null, null, CancellationToken.None));

        // The cache makes room in the background; then at most one of the two sets stays, and views still answer the same.
        await Eventually.TrueAsync(() => !metrics.Holds([first.Id, second.Id]), "the cache to hold at most one of the two sets", TimeSpan.FromSeconds(5));
        Assert.Equal(a, await metrics.ForRepositoryAsync(first.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None));
        Assert.Equal(both, await metrics.ForGroupAsync([first.Id, second.Id], "acme", PeriodKind.Month, null, null, CancellationToken.None));
    }

    private static MetricsService NewService(SyncHarness h, long cacheRows) => new(
        h.Service<IDbContextFactory<HealthDb>>(),
        h.Service<DerivedFacts>(),
        TimeProvider.System,
        Options.Create(new MetricsOptions { CacheRows = cacheRows }));

    private static string Json(DashboardCharts charts) => System.Text.Json.JsonSerializer.Serialize(charts);

    private static int Rows(RepositoryFacts.Read read) => read.PullRequests.Count + read.Issues.Count + read.Activity.Count + read.Reviews.Count;
}
