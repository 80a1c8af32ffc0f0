using GitHubSimulator;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Core.Tests.Metrics;

/// <summary>Rows stored for a range are what a start's first view shows, exactly the computed ones, and only while the facts stay at their version.</summary>
public class StoredMetricsTests
{
    [Fact]
    public async Task RowsAsync_AfterARestart_GivesTheStoredRowsWithoutReadingFacts_UntilASyncMovesTheFactsOn()
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 150, End = DateTime.UtcNow.AddDays(-2) });
        var repo = (await h.Tracker.TrackAsync(h.Name, CancellationToken.None)).Repository;
        await h.Sync.SyncAsync(repo.Id, null, CancellationToken.None);
        var (from, to) = (new DateOnly(2025, 1, 1), DateOnly.FromDateTime(DateTime.UtcNow));
        var computed = await h.Service<MetricsService>().ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Month, from, to, CancellationToken.None);
        await h.Service<StoredMetrics>().StoreAsync(repo.Id, "acme/widgets", PeriodKind.Month, from, to, CancellationToken.None);

        // A process started afresh: nothing in memory.
        using var metrics = new MetricsService(h.Service<IDbContextFactory<HealthDb>>(), h.Service<DerivedFacts>(), TimeProvider.System, Options.Create(new MetricsOptions()));
        var stored = new StoredMetrics(h.Service<IDbContextFactory<HealthDb>>(), metrics, h.Service<DerivedFacts>(), h.Service<WriteGate>());
        Assert.Equal(computed, await stored.RowsAsync(repo.Id, "acme/widgets", PeriodKind.Month, from, to, CancellationToken.None));
        Assert.Equal(0, metrics.Loads);

        // Another range is not stored: computed.
        var weeks = await stored.RowsAsync(repo.Id, "acme/widgets", PeriodKind.Week, from, to, CancellationToken.None);
        Assert.Equal(1, metrics.Loads);
        Assert.Equal(await h.Service<MetricsService>().ForRepositoryAsync(repo.Id, "acme/widgets", PeriodKind.Week, from, to, CancellationToken.None), weeks);

        // A sync moves the facts on: the stored rows are of an older version, so the rows come from the facts, with the change.
        using var later = new MetricsService(h.Service<IDbContextFactory<HealthDb>>(), h.Service<DerivedFacts>(), TimeProvider.System, Options.Create(new MetricsOptions()));
        var afterRestart = new StoredMetrics(h.Service<IDbContextFactory<HealthDb>>(), later, h.Service<DerivedFacts>(), h.Service<WriteGate>());
        h.World.AddPull(h.Repo, h.World.AddAccount("first-timer"), "Fix a typo");
        await h.Sync.SyncAsync(repo.Id, null, CancellationToken.None);
        var rows = await afterRestart.RowsAsync(repo.Id, "acme/widgets", PeriodKind.Month, from, to, CancellationToken.None);
        Assert.Equal(1, later.Loads);
        Assert.Equal(computed.Sum(r => r.PrsOpened) + 1, rows.Sum(r => r.PrsOpened));
    }
}
