using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Health.Core.Metrics;
using Health.Web.Components.Charts;
using Health.Web.Components.Pages.Compare;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Components.Compare;

/// <summary>The compare page over two synced repositories of one organisation, and the chart CSVs it links to.</summary>
public sealed class ComparePageTests(CompareFixture fixture) : IClassFixture<CompareFixture>
{
    private const string Range = "period=month&from=2026-01-01&to=2026-10-31";
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly DateOnly To = new(2026, 10, 31);

    private static IRenderedComponent<ComparePage> Render(BunitContext ctx, string query)
    {
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/compare?{query}");
        var page = ctx.Render<ComparePage>();
        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("p.muted"), p => p.TextContent == "Loading…"), TimeSpan.FromSeconds(20));
        return page;
    }

    [Fact]
    public async Task Render_TwoRepositories_EveryChartHasOneSeriesEachWithTheirOwnFigures()
    {
        await using var ctx = fixture.NewContext();

        var page = Render(ctx, $"items=acme/widgets,acme/widgets-2&{Range}");

        Assert.Equal(CompareCharts.Keys, page.FindAll("[data-chart]").Select(c => c.GetAttribute("data-chart")));
        Assert.Equal(["acme/widgets", "acme/widgets-2"], page.FindAll("[data-testid=entries] a").Select(a => a.TextContent));
        Assert.Empty(page.FindAll("[data-testid=query-problem]"));
        foreach (var card in page.FindAll("[data-chart]"))
        {
            Assert.Equal(["period_start", "acme/widgets", "acme/widgets-2"], card.QuerySelectorAll("thead th").Select(th => th.GetAttribute("data-column")));
            Assert.Equal(10, card.QuerySelectorAll("tbody tr").Length);
            Assert.Equal($"/compare/charts/{card.GetAttribute("data-chart")}.csv?items=acme/widgets,acme/widgets-2&{Range}", card.QuerySelector("a.csv")!.GetAttribute("href"));
            Assert.StartsWith("/definitions#", card.QuerySelector(".explain a")!.GetAttribute("href"), StringComparison.Ordinal);
        }

        var widgets = await fixture.RowsAsync([fixture.Ids["acme/widgets"]], From, To);
        var widgets2 = await fixture.RowsAsync([fixture.Ids["acme/widgets-2"]], From, To);
        Assert.Equal(Expected(widgets, widgets2, r => Count(r.PrsOpened)), TableRows(Card(page, "prs-opened")));
        Assert.Equal(Expected(widgets, widgets2, r => ChartTable.Format(ColumnKind.Rate, r.MergeRate)), TableRows(Card(page, "merge-rate")));
        Assert.Equal(Expected(widgets, widgets2, r => ChartTable.Format(ColumnKind.Hours, r.PrFirstResponseMedianH)), TableRows(Card(page, "first-response")));
        Assert.Equal(Expected(widgets, widgets2, r => r.BusFactor is { } b ? Count(b) : string.Empty), TableRows(Card(page, "bus-factor")));
        Assert.True(widgets.Sum(r => r.PrsOpened) > widgets2.Sum(r => r.PrsOpened), "The two repositories differ, so a mixed-up column would show.");
    }

    [Fact]
    public async Task Render_OrganisationAndOneOfItsRepositories_OrganisationPoolsEveryTrackedRepositoryAndNoUntrackedOne()
    {
        await using var ctx = fixture.NewContext();

        var page = Render(ctx, $"items=ACME,acme/widgets-2&{Range}");

        Assert.Equal(["acme (5 repositories)", "acme/widgets-2"], page.FindAll("[data-testid=entries] a").Select(a => a.TextContent));
        var pooled = await fixture.RowsAsync([.. Enumerable.Range(1, 5).Select(i => fixture.Ids[i == 1 ? "acme/widgets" : $"acme/widgets-{i}"])], From, To);
        var widgets2 = await fixture.RowsAsync([fixture.Ids["acme/widgets-2"]], From, To);
        Assert.Equal(Expected(pooled, widgets2, r => Count(r.ActiveContributors)), TableRows(Card(page, "active-contributors")));
        Assert.Equal(Expected(pooled, widgets2, r => ChartTable.Format(ColumnKind.Hours, r.PrMergeMedianH)), TableRows(Card(page, "time-to-merge")));
        Assert.Equal(["period_start", "acme", "acme/widgets-2"], Card(page, "prs-merged").QuerySelectorAll("thead th").Select(th => th.GetAttribute("data-column")));
    }

    [Fact]
    public async Task Render_UnusableEntries_NamesEachAndComparesTheRest()
    {
        await using var ctx = fixture.NewContext();

        var page = Render(ctx, $"items=acme/nope,not%20a%20name,acme/widgets,Acme/Widgets,nobody&{Range}");

        var problems = page.FindAll("[data-testid=query-problem]").Select(p => p.TextContent).ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("items: 'not a name' is neither OWNER/NAME nor an OWNER", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("items: 'Acme/Widgets' is named twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Health holds no data for acme/nope", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Health tracks no repository of 'nobody'", StringComparison.Ordinal));
        Assert.Equal(["acme/widgets"], page.FindAll("[data-testid=entries] a").Select(a => a.TextContent));
        Assert.NotNull(page.Find("[data-testid=pick-more]"));
        Assert.Equal(CompareCharts.Keys.Count, page.FindAll("[data-chart]").Count);
    }

    [Fact]
    public async Task Pick_TwoEntriesAndWeeks_NavigatesToAViewWithEveryFilterInTheUrl()
    {
        await using var ctx = fixture.NewContext();
        var page = Render(ctx, string.Empty);
        Assert.NotNull(page.Find("[data-testid=pick-hint]"));
        Assert.Empty(page.FindAll("[data-chart]"));
        Assert.True(page.Find("form.picker button[type=submit]").HasAttribute("disabled"));

        await page.InvokeAsync(() => page.Find("[data-owner=acme] label.org input").Change(true));
        await page.InvokeAsync(() => page.FindAll("[data-owner=acme] label:not(.org) input")[0].Change(true));
        await page.InvokeAsync(() => page.Find("form.picker select").Change("week"));
        await page.InvokeAsync(() => page.Find("form.picker").Submit());

        var uri = ctx.Services.GetRequiredService<NavigationManager>().Uri;
        Assert.EndsWith("/compare?items=acme,acme/widgets&period=week&from=2026-05-11&to=2026-11-15", uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pick_FiveEntries_TheSixthCannotBePickedUntilOneIsUnticked()
    {
        await using var ctx = fixture.NewContext();
        var page = Render(ctx, "items=acme,acme/widgets,acme/widgets-2,acme/widgets-3,acme/widgets-4");

        Assert.Equal("Pick 2 to 5 (5 picked)", page.Find("legend").TextContent);
        Assert.True(Box(page, "acme/widgets-5").HasAttribute("disabled"));
        Assert.False(Box(page, "acme/widgets-4").HasAttribute("disabled"));
        Assert.Equal(5, page.FindAll("[data-owner] input").Count(i => i.HasAttribute("checked")));

        await page.InvokeAsync(() => Box(page, "acme/widgets-2").Change(false));

        Assert.Equal("Pick 2 to 5 (4 picked)", page.Find("legend").TextContent);
        Assert.False(Box(page, "acme/widgets-5").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_UntrackedRepositoryByName_ComparedWithItsKeptDataAndCanBeUnticked()
    {
        await using var ctx = fixture.NewContext();

        var page = Render(ctx, $"items=acme/widgets,acme/widgets-6&{Range}");

        Assert.Equal(["acme/widgets", "acme/widgets-6"], page.FindAll("[data-testid=entries] a").Select(a => a.TextContent));
        Assert.Contains("no longer tracked", Box(page, "acme/widgets-6").ParentElement!.TextContent, StringComparison.Ordinal);
        var kept = await fixture.RowsAsync([fixture.Ids["acme/widgets-6"]], From, To);
        Assert.Equal([.. kept.Select(r => ChartTable.Format(ColumnKind.Count, r.PrsOpened))], TableRows(Card(page, "prs-opened")).Select(r => r.Split(',')[2]));

        await page.InvokeAsync(() => Box(page, "acme/widgets-6").Change(false));
        Assert.Equal("Pick 2 to 5 (1 picked)", page.Find("legend").TextContent);
    }

    [Fact]
    public async Task Pick_WeeksWithTheDefaultRange_MovesToTheWeeksDefaultRange()
    {
        await using var ctx = fixture.NewContext();
        var page = Render(ctx, "items=acme/widgets,acme/widgets-2");

        await page.InvokeAsync(() => page.Find("form.picker select").Change("week"));
        await page.InvokeAsync(() => page.Find("form.picker").Submit());

        var uri = ctx.Services.GetRequiredService<NavigationManager>().Uri;
        Assert.EndsWith("/compare?items=acme/widgets,acme/widgets-2&period=week&from=2026-05-11&to=2026-11-15", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SixEntries_KeepsTheFirstFiveAndSaysSo()
    {
        var view = CompareView.Parse("a/1,a/2,a/3,a/4,a/5,a/6", null, null, null, CompareFixture.Now);

        Assert.Equal(["a/1", "a/2", "a/3", "a/4", "a/5"], view.Items.Select(i => i.Text));
        Assert.Equal(["items: at most 5 can be compared; 'a/6' is left out."], view.Problems);
        Assert.Equal("items=a/1,a/2,a/3,a/4,a/5&period=month&from=2025-11-01&to=2026-11-15", view.Query());
    }

    [Fact]
    public async Task ChartCsv_EveryChart_RowsEqualTheTableView()
    {
        await using var ctx = fixture.NewContext();
        var page = Render(ctx, $"items=acme,acme/widgets&{Range}");

        foreach (var card in page.FindAll("[data-chart]"))
        {
            using var response = await fixture.Csv.GetAsync(new Uri(card.QuerySelector("a.csv")!.GetAttribute("href")!, UriKind.Relative));
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith($"attachment; filename=\"compare-acme-acme_widgets-{card.GetAttribute("data-chart")}-month-2026-01-01-to-2026-10-31.csv\"", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n');

            Assert.Equal("period_start,acme,acme/widgets", lines[0]);
            Assert.Equal(TableRows(card), lines[1..^1]);
        }
    }

    [Theory]
    [InlineData("/compare/charts/no-such-chart.csv?items=acme/widgets", 404, "There is no chart 'no-such-chart'")]
    [InlineData("/compare/charts/prs-opened.csv?items=acme/widgets,acme/nope", 400, "Health holds no data for acme/nope")]
    [InlineData("/compare/charts/prs-opened.csv?items=acme/widgets&period=day", 400, "period: 'day' is not week or month")]
    [InlineData("/compare/charts/prs-opened.csv", 400, "items: name at least one repository")]
    public async Task ChartCsv_BadRequest_AnswersWithTheProblem(string url, int status, string message)
    {
        using var response = await fixture.Csv.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<string> Expected(IReadOnlyList<MetricsRow> first, IReadOnlyList<MetricsRow> second, Func<MetricsRow, string> cell) =>
        [.. first.Zip(second, (a, b) => $"{a.PeriodStart:yyyy-MM-dd},{cell(a)},{cell(b)}")];

    private static IElement Box(IRenderedComponent<ComparePage> page, string fullName) =>
        page.FindAll("[data-owner] label:not(.org)").Single(l => l.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0] == fullName).QuerySelector("input")!;

    private static IElement Card(IRenderedComponent<ComparePage> page, string chart) => page.Find($"[data-chart='{chart}']");

    private static List<string> TableRows(IElement card) =>
        card.QuerySelectorAll("tbody tr").Select(tr => string.Join(",", tr.Children.Select(c => c.TextContent))).ToList();
}
