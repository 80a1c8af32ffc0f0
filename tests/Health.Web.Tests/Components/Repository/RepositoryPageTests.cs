using AngleSharp.Dom;
using Bunit;
using Health.Testing;
using Health.Web.Components.Pages.Repository;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Components.Repository;

/// <summary>The repository page over a synced simulator world, and the chart CSVs it links to.</summary>
public sealed class RepositoryPageTests(RepositoryPageFixture fixture) : IClassFixture<RepositoryPageFixture>
{
    private const string WeekView = "?period=week&from=2026-05-04&to=2026-10-31&bots=true";

    private static IRenderedComponent<RepositoryPage> RenderPage(BunitContext ctx, string owner, string name, string query = "")
    {
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/repos/{owner}/{name}{query}");
        return ctx.Render<RepositoryPage>(p => p.Add(c => c.Owner, owner).Add(c => c.Name, name));
    }

    private static IRenderedComponent<RepositoryPage> RenderLoaded(BunitContext ctx, string query = "")
    {
        var page = RenderPage(ctx, "acme", "widgets", query);
        page.WaitForAssertion(() => Assert.Equal(RepositoryCharts.Keys.Count, page.FindAll("[data-chart]").Count), TimeSpan.FromSeconds(20));
        return page;
    }

    [Fact]
    public async Task Render_SyncedWorld_EveryChartHasExplanationDefinitionTableAndCsv()
    {
        await using var ctx = fixture.NewContext();

        var page = RenderLoaded(ctx);

        Assert.Equal(RepositoryCharts.Keys, page.FindAll("[data-chart]").Select(c => c.GetAttribute("data-chart")));
        foreach (var card in page.FindAll("[data-chart]"))
        {
            Assert.NotNull(card.QuerySelector("figure .chart-box"));
            Assert.False(string.IsNullOrWhiteSpace(card.QuerySelector(".explain")!.TextContent));
            Assert.StartsWith("/definitions#", card.QuerySelector(".explain a")!.GetAttribute("href"), StringComparison.Ordinal);
            Assert.NotNull(card.QuerySelector("details > summary"));
            Assert.NotEmpty(card.QuerySelectorAll("details table tbody tr"));
            Assert.StartsWith($"/repos/acme/widgets/charts/{card.GetAttribute("data-chart")}.csv?period=month&from=2025-11-01&to=2026-11-15", card.QuerySelector("a.csv")!.GetAttribute("href"), StringComparison.Ordinal);
        }

        Assert.Equal(13, Card(page, "pr-flow").QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Newcomers of the month of 2026-10-01", page.Find("[data-list=newcomers] h2").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-list=waiting-prs]"));
        Assert.NotNull(page.Find("[data-list=waiting-issues]"));
        Assert.Empty(page.FindAll("[data-testid=query-problem]"));
        Assert.Empty(page.FindAll("[data-testid=load-error]"));
    }

    [Fact]
    public async Task Render_CurrentRepositoryNoRange_TheLastTwelveMonthsToTodayWithoutANote()
    {
        await using var ctx = fixture.NewContext();

        var page = RenderLoaded(ctx);

        Assert.Contains("2025-11-01 to 2026-11-15", page.Find(".range-note").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=quiet-note]"));
        Assert.Equal(13, Card(page, "pr-flow").QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task Render_UnknownRepository_SaysNotFoundAndLinksToRepositories()
    {
        await using var ctx = fixture.NewContext();

        var page = RenderPage(ctx, "acme", "nothing-here");

        page.WaitForAssertion(() => Assert.Contains("acme/nothing-here", page.Find("[data-testid=not-found]").TextContent, StringComparison.Ordinal));
        Assert.Equal("/repositories", page.Find("[data-testid=not-found] a").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-chart]"));
    }

    [Fact]
    public async Task Render_InvalidQueryValues_NamesEachParameterAndShowsDefaults()
    {
        await using var ctx = fixture.NewContext();

        var page = RenderLoaded(ctx, "?period=year&from=2026-13-01&bots=maybe");

        var problems = page.FindAll("[data-testid=query-problem]").Select(p => p.TextContent).ToList();
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("period: 'year'", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("from: '2026-13-01'", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("bots: 'maybe'", problems[2], StringComparison.Ordinal);
        Assert.Contains("2025-11-01 to 2026-11-15", page.Find(".range-note").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, Card(page, "pr-flow").QuerySelectorAll("thead th").Length - 1);
    }

    [Fact]
    public async Task Show_PeriodSwitchedToWeeks_NavigatesToTheWeekDefaultsWithEveryFilterInTheUrl()
    {
        await using var ctx = fixture.NewContext();
        var page = RenderLoaded(ctx);

        await page.InvokeAsync(() => page.Find("form.filters select").Change("week"));
        await page.InvokeAsync(() => page.Find("form.filters input[type=checkbox]").Change(true));
        await page.InvokeAsync(() => page.Find("form.filters").Submit());

        var uri = ctx.Services.GetRequiredService<NavigationManager>().Uri;
        Assert.EndsWith("/repos/acme/widgets?period=week&from=2026-05-11&to=2026-11-15&bots=true", uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SyncRunning_ShowsProgressNote()
    {
        await using var ctx = fixture.NewContext();

        var page = RenderPage(ctx, "acme", "busy");

        page.WaitForAssertion(() => Assert.Equal("Sync in progress, 42%", page.Find("[data-testid=sync-note]").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ChartCsv_EveryChartOfAWeekView_RowsEqualTheTableView()
    {
        await using var ctx = fixture.NewContext();
        var page = RenderLoaded(ctx, WeekView);

        foreach (var card in page.FindAll("[data-chart]"))
        {
            var href = card.QuerySelector("a.csv")!.GetAttribute("href")!;
            Assert.EndsWith(WeekView, href, StringComparison.Ordinal);
            using var response = await fixture.Csv.GetAsync(new Uri(href, UriKind.Relative));
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n');

            Assert.Equal(string.Empty, lines[^1]);
            Assert.Equal(string.Join(",", card.QuerySelectorAll("thead th").Select(th => th.GetAttribute("data-column"))), lines[0]);
            Assert.Equal(TableRows(card), lines[1..^1]);
        }

        Assert.Contains("bot_prs_opened", Card(page, "pr-flow").QuerySelector("thead")!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(26, Card(page, "pr-flow").QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task Render_PrerenderedSnapshot_FirstRenderShowsTheSameChartsWithoutLoading()
    {
        await using var prerender = fixture.NewContext();
        var prerendered = RenderLoaded(prerender, WeekView);
        prerender.State.TriggerOnPersisting(); // runs on the renderer's dispatcher, without waiting for it
        string? token = null;
        await Eventually.TrueAsync(() => prerender.State.TryTake(RepositoryPage.SnapshotKey, out token), "the snapshot's token to be persisted", TimeSpan.FromSeconds(5));

        Assert.True(token is { Length: < 100 }, "Only a short token travels through the page; the snapshot stays on the server.");
        await using var interactive = fixture.NewContext();
        interactive.State.Persist(RepositoryPage.SnapshotKey, token);

        var page = RenderPage(interactive, "acme", "widgets", WeekView);

        Assert.DoesNotContain(page.FindAll("p.muted"), p => p.TextContent == "Loading…");
        Assert.Equal(TableRows(Card(prerendered, "review-load")), TableRows(Card(page, "review-load")));
        Assert.Equal(prerendered.Find("[data-list=waiting-prs]").TextContent, page.Find("[data-list=waiting-prs]").TextContent);
    }

    [Theory]
    [InlineData("/repos/acme/widgets/charts/no-such-chart.csv", 404, "There is no chart 'no-such-chart'")]
    [InlineData("/repos/acme/nothing-here/charts/pr-flow.csv", 404, "acme/nothing-here is not a repository Health tracks")]
    [InlineData("/repos/acme/widgets/charts/pr-flow.csv?period=day", 400, "period: 'day' is not week or month")]
    public async Task ChartCsv_BadRequest_AnswersWithTheProblem(string url, int status, string message)
    {
        using var response = await fixture.Csv.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static IElement Card(IRenderedComponent<RepositoryPage> page, string chart) => page.Find($"[data-chart='{chart}']");

    private static List<string> TableRows(IElement card) =>
        card.QuerySelectorAll("tbody tr").Select(tr => string.Join(",", tr.Children.Select(c => c.TextContent))).ToList();
}
