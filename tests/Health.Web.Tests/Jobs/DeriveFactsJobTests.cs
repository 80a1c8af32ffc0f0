using System.Net;
using GitHubSimulator;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Testing;
using Health.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Jobs;

/// <summary>A change of bot rules is taken up at start by a background job, never by a view; downloads wait for it.</summary>
public sealed class DeriveFactsJobTests
{
    [Fact]
    public async Task Start_BotRulesChanged_DerivesAgainInTheBackgroundAndFiguresFollowTheNewRules()
    {
        await using var app = await AppHarness.StartAsync();
        var tracked = await app.Services.GetRequiredService<Health.Core.Tracking.RepositoryTracker>().TrackAsync(new RepositoryName("acme", "widgets"), CancellationToken.None);
        var id = tracked.Repository.Id;
        Assert.Equal(SyncOutcome.Succeeded, (await app.Services.GetRequiredService<RepositorySync>().SyncAsync(id, null, CancellationToken.None)).Outcome);
        var humans = app.Repo.Pulls.Where(p => p.User?.Type != AccountTypes.Bot && p.User?.Login != "ci-helper").ToList();
        var human = humans.Where(p => p.User is not null && p.User.Login != "ghost").GroupBy(p => p.User!.Login).OrderByDescending(g => g.Count()).First().Key;
        var before = await OpenedAsync(app, id);
        Assert.Equal(humans.Count, before);

        await app.StopAsync();
        app.Settings["GitHub:ExtraBotLogins:1"] = human;
        app.Start();

        var derived = app.Services.GetRequiredService<DerivedFacts>();
        await Eventually.TrueAsync(async () => !(await derived.VersionsAsync([id], CancellationToken.None)).Single().Stale, "the facts derived again under the new rules");
        await Eventually.TrueAsync(() => app.SucceededResults().Contains("1 repositories derived again"), "the job's result", TimeSpan.FromSeconds(30));
        Assert.Equal(humans.Count(p => p.User?.Login != human), await OpenedAsync(app, id));
    }

    [Fact]
    public async Task ExportCsv_WhileFactsAreStale_AnswersServiceUnavailableNamingTheRepository()
    {
        // The facts warmer, which queues the derivation of stale facts, looks only at start here: the facts stay stale.
        await using var app = await AppHarness.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:RefreshInterval"] = "00:05:00" });
        var sync = app.Services.GetRequiredService<RepositorySync>();
        var id = (await app.Services.GetRequiredService<Health.Core.Tracking.RepositoryTracker>().TrackAsync(new RepositoryName("acme", "widgets"), CancellationToken.None)).Repository.Id;
        Assert.Equal(SyncOutcome.Succeeded, (await sync.SyncAsync(id, null, CancellationToken.None)).Outcome);
        using var client = app.CreateClient();
        using (var fresh = await client.GetAsync(new Uri("/export/metrics.csv?repo=acme/widgets&period=month", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        await using (var db = app.NewDb())
        {
            await db.DerivedStates.Where(s => s.RepositoryId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.BotRules, "rules of another configuration"));
        }

        using var stale = await client.GetAsync(new Uri("/export/prs.csv?repo=acme/widgets", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), stale.Headers.RetryAfter?.Delta);
        Assert.Contains("acme/widgets are being derived again", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<int> OpenedAsync(AppHarness app, int id) =>
        (await app.Services.GetRequiredService<MetricsService>().ForRepositoryAsync(id, "acme/widgets", PeriodKind.Month, null, null, CancellationToken.None)).Sum(r => r.PrsOpened);
}
