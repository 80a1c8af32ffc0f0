using GitHubSimulator;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Testing;
using Health.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Dashboard;

/// <summary>
/// When a repository's sync finishes, what it derived is read into the kept facts before any view asks (only that, not the
/// whole repository again): the first view after a sync reads nothing.
/// </summary>
public sealed class FactsWarmerTests
{
    [Fact]
    public async Task SyncFinishes_FactsAreReadAheadOfTheFirstView()
    {
        await using var app = await AppHarness.StartAsync();
        app.Start();
        var sync = app.Services.GetRequiredService<RepositorySync>();
        var metrics = app.Services.GetRequiredService<MetricsService>();
        var tracked = await app.Services.GetRequiredService<Health.Core.Tracking.RepositoryTracker>().TrackAsync(new RepositoryName("acme", "widgets"), CancellationToken.None);
        Assert.Equal(SyncOutcome.Succeeded, (await sync.SyncAsync(tracked.Repository.Id, null, CancellationToken.None)).Outcome);
        await Eventually.TrueAsync(() => metrics.Loads >= 1, "the facts read after the backfill");

        var author = app.World.Accounts.First(a => a.Type == AccountTypes.User && a.Login is not ("ghost" or "ci-helper"));
        app.World.AddPull(app.Repo, author, "opened after the backfill");
        var loads = metrics.Loads;
        Assert.Equal(SyncOutcome.Succeeded, (await sync.SyncAsync(tracked.Repository.Id, null, CancellationToken.None)).Outcome);
        var synced = (await app.Services.GetRequiredService<DerivedFacts>().VersionsAsync([tracked.Repository.Id], CancellationToken.None)).Single();
        await Eventually.TrueAsync(() => metrics.KeptVersion(synced.RepositoryId) == synced, "what the sync derived read into the kept facts");
        var warm = (metrics.Loads, metrics.Refreshes);

        var rows = await metrics.ForRepositoryAsync(tracked.Repository.Id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None);

        Assert.Equal(loads, metrics.Loads);
        Assert.Equal(warm, (metrics.Loads, metrics.Refreshes));
        Assert.Equal(app.Repo.Pulls.Count(p => p.User?.Type != AccountTypes.Bot && p.User?.Login != "ci-helper"), rows.Sum(r => r.PrsOpened));
    }
}
