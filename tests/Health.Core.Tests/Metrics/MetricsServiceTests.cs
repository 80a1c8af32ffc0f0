using GitHubSimulator;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Tests.Infrastructure;

namespace Health.Core.Tests.Metrics;

public class MetricsServiceTests
{
    [Fact]
    public async Task ForRepository_AfterAnotherSync_SeesTheNewActivity()
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 150, End = DateTime.UtcNow.AddDays(-2) });
        var repo = (await h.Sync.TrackAsync(h.Name, CancellationToken.None)).Repository;
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
    }

    [Fact]
    public async Task ForGroup_FactsBeyondTheCacheSize_LetsTheLeastRecentGoAndStillAnswers()
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 300, ExtraRepositories = 1, End = SyncHarness.WorldEnd });
        var first = (await h.Sync.TrackAsync(h.Name, CancellationToken.None)).Repository;
        var second = (await h.Sync.TrackAsync(new Health.Core.GitHub.RepositoryName("acme", "widgets-2"), CancellationToken.None)).Repository;
        await h.Sync.SyncAsync(first.Id, null, CancellationToken.None);
        await h.Sync.SyncAsync(second.Id, null, CancellationToken.None);

        // A cache that holds either set of facts, the repository's or the pooled pair's, but not both.
        int alone, pooled;
        await using (var db = h.NewDb())
        {
            alone = Rows(await FactsLoader.LoadAsync(db, [first.Id], CancellationToken.None));
            pooled = Rows(await FactsLoader.LoadAsync(db, [first.Id, second.Id], CancellationToken.None));
        }

        using var metrics = new MetricsService(
            h.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<Health.Core.Storage.HealthDb>>(),
            h.Service<DerivedFacts>(),
            TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new MetricsOptions { CacheRows = Math.Max(alone, pooled) + 1 }));
        var a = await metrics.ForRepositoryAsync(first.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None);
        Assert.True(metrics.Holds([first.Id]));

        var both = await metrics.ForGroupAsync([first.Id, second.Id], "acme", PeriodKind.Month, null, null, CancellationToken.None);

        // The cache makes room in the background; then at most one of the two sets stays, and views still answer the same.
        for (var i = 0; i < 500 && metrics.Holds([first.Id]) && metrics.Holds([first.Id, second.Id]); i++)
        {
            await Task.Delay(10);
            _ = await metrics.ForGroupAsync([first.Id, second.Id], "acme", PeriodKind.Month, null, null, CancellationToken.None);
        }

        Assert.False(metrics.Holds([first.Id]) && metrics.Holds([first.Id, second.Id]), "the cache should hold at most one of the two sets");
        Assert.Equal(a, await metrics.ForRepositoryAsync(first.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None));
        Assert.Equal(both, await metrics.ForGroupAsync([first.Id, second.Id], "acme", PeriodKind.Month, null, null, CancellationToken.None));
    }

    private static int Rows(MetricsFacts facts) => facts.PullRequests.Count + facts.Issues.Count + facts.Activity.Count;
}
