using Bunit;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Web.Components.Charts;
using Health.Web.Components.Pages.Overview;
using Health.Web.Components.Pages.Repositories;
using Health.Web.Tests.Components.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Components.Overview;

/// <summary>The overview: a card per tracked repository with last month's key numbers, what got worse, and the empty state.</summary>
public sealed class OverviewPageTests : IAsyncLifetime
{
    private readonly PageFixture _ctx = new();

    public async Task InitializeAsync()
    {
        await _ctx.StartAsync(new GitHubSimulator.WorldOptions { Prs = 150, End = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) }, now: new DateTime(2026, 11, 15, 12, 0, 0, DateTimeKind.Utc));
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Build_TwoMonths_MarksWhatGotWorseAndWhatGotBetter()
    {
        var september = Row(new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), merged: 10, mergeRate: null, firstResponse: 10, newcomers: 3);
        var october = Row(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), merged: 5, mergeRate: 0.5, firstResponse: 4, newcomers: 3);

        var card = OverviewCard.Build("acme", "widgets", [september, october], RowState.Idle, 100);

        var byColumn = card.Numbers.ToDictionary(n => n.Column);
        Assert.True(byColumn["prs_merged"].Worse);
        Assert.Equal("▼ 5", byColumn["prs_merged"].ChangeText);
        Assert.True(byColumn["pr_first_response_median_h"].Better);
        Assert.Equal("4 h", byColumn["pr_first_response_median_h"].CurrentText);
        Assert.False(byColumn["merge_rate"].Worse || byColumn["merge_rate"].Better);
        Assert.Equal("50%", byColumn["merge_rate"].CurrentText);
        Assert.Equal("= no change", byColumn["newcomers"].ChangeText);
        Assert.Equal(1, card.WorseCount);
        Assert.Equal(["Sep 2026", "Oct 2026"], byColumn["prs_merged"].Trend.Select(p => p.X));
    }

    [Fact]
    public void Render_NothingTracked_SaysWhatToDoFirst()
    {
        var page = _ctx.Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.Contains("Start by tracking a repository", page.Find("[data-testid=empty]").TextContent, StringComparison.Ordinal));
        Assert.Equal("/repositories", page.Find("[data-testid=empty] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_NeverSynced_SaysNoDataYet()
    {
        await _ctx.SeedAsync("acme/fresh");

        var page = _ctx.Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.Contains("No data yet", page.Find("article[data-repo='acme/fresh']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_SyncedRepository_ShowsLastMonthsNumbersFromTheMetrics()
    {
        var sync = _ctx.Services.GetRequiredService<RepositorySync>();
        var tracked = await _ctx.Services.GetRequiredService<Health.Core.Tracking.RepositoryTracker>().TrackAsync(new RepositoryName("acme", "widgets"), CancellationToken.None);
        await sync.SyncAsync(tracked.Repository.Id, null, CancellationToken.None);
        var rows = await _ctx.Services.GetRequiredService<MetricsService>().ForRepositoryAsync(
            tracked.Repository.Id, "acme/widgets", PeriodKind.Month, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 31), CancellationToken.None);
        var october = rows.Single(r => r.PeriodStart.Month == 10);

        var page = _ctx.Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("article[data-repo='acme/widgets'] .number").Count));
        var card = page.Find("article[data-repo='acme/widgets']");
        Assert.Contains("October 2026", card.TextContent, StringComparison.Ordinal);
        Assert.Equal(KeyNumber.Write(october.PrsMerged, ValueFormat.Number), card.QuerySelector("[data-column=prs_merged] .value")!.TextContent);
        Assert.Equal(KeyNumber.Write(october.ActiveContributors, ValueFormat.Number), card.QuerySelector("[data-column=active_contributors] .value")!.TextContent);
        Assert.Equal(KeyNumber.Write(october.PrFirstResponseMedianH, ValueFormat.Hours), card.QuerySelector("[data-column=pr_first_response_median_h] .value")!.TextContent);
        Assert.Equal(5, card.QuerySelectorAll("figure.chart").Length);
        Assert.Equal("/repos/acme/widgets", card.QuerySelector("h2 a")!.GetAttribute("href"));
    }

    private static MetricsRow Row(DateTime start, int merged, double? mergeRate, double? firstResponse, int newcomers) =>
        new("acme/widgets", start, 10, merged, 2, mergeRate, 4, firstResponse, 20, 1, 5, 30, 60, 3, 2, 8, 50, 7, 2, newcomers, 1, null, 0.5, 2);
}
