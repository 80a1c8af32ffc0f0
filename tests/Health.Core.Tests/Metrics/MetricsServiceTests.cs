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
}
