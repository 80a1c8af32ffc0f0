using Health.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Health.Browser.Tests.Pages;

/// <summary>The repository page in the browser: every chart draws its table, the filters go to the URL, a CSV equals its table.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RepositoryPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Open_DefaultView_EveryChartDrawsItsTableValueForValue()
    {
        await using var page = await OpenAsync("/repos/acme/widgets");

        await ChartCards.AssertChartsDrawTheirTablesAsync(page.Page);

        var tables = await ChartCards.TablesAsync(page.Page);
        Assert.Equal(16, tables.Count); // 11, then the intake's 5 under their own heading
        await Expect(page.Page.GetByTestId("chart-group")).ToHaveTextAsync("Intake: who sends the pull requests, and what the rest costs");
        Assert.Equal(
            ["intake-origins", "intake-merge-rate", "unmerged-responses", "response-target", "merge-by-size"],
            tables.Select(t => t.Chart).Skip(11));
        Assert.Equal(13, tables.Single(t => t.Chart == "pr-flow").Rows.Count); // 12 complete months and the current one
        page.AssertNoProblems();
    }

    [Fact]
    public async Task ChangePeriodAndRange_Show_PutsEveryFilterInTheUrlAndRedrawsTheCharts()
    {
        await using var page = await OpenAsync("/repos/acme/widgets");
        var filters = page.Page.GetByRole(AriaRole.Form, new() { Name = "What to show" });

        await filters.GetByLabel("Periods").SelectOptionAsync("week");
        await filters.GetByLabel("From").FillAsync(Day(KestrelApp.WorldEnd.AddDays(-70)));
        await filters.GetByLabel("To").FillAsync(Day(KestrelApp.WorldEnd.AddDays(-1)));
        await filters.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page.Page).ToHaveURLAsync(fixture.App.Url($"/repos/acme/widgets?period=week&from={Day(KestrelApp.WorldEnd.AddDays(-70))}&to={Day(KestrelApp.WorldEnd.AddDays(-1))}"));
        var weeks = page.Page.Locator("[data-chart='pr-flow'] tbody tr");
        await Expect(weeks).ToHaveCountAsync(WeeksOverlapping(KestrelApp.WorldEnd.AddDays(-70), KestrelApp.WorldEnd.AddDays(-1)));
        await Expect(weeks.First.Locator("th")).ToHaveTextAsync(Day(Monday(KestrelApp.WorldEnd.AddDays(-70))));
        await ChartCards.AssertChartsDrawTheirTablesAsync(page.Page);
        var flow = (await PageCharts.ChartsAsync(page.Page.Locator("[data-chart='pr-flow']"))).Single();
        Assert.Equal(await weeks.CountAsync(), flow.PointsPerSeries[0]);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task DownloadCsv_EachKindOfChart_EqualsItsTableLineForLine()
    {
        await using var page = await OpenAsync("/repos/acme/widgets?period=week&bots=true");
        var tables = await ChartCards.TablesAsync(page.Page);

        foreach (var chart in new[] { "pr-flow", "first-response", "cohort-retention", "review-load" })
        {
            var lines = await ChartCards.DownloadCsvAsync(page.Page, chart);

            Assert.Equal(tables.Single(t => t.Chart == chart).CsvLines, lines);
        }

        Assert.Contains("bot_prs_opened", tables.Single(t => t.Chart == "pr-flow").Header);
        page.AssertNoProblems();
    }

    private async Task<WatchedPage> OpenAsync(string path)
    {
        var page = await fixture.OpenAsync();
        await page.GotoAsync(path);
        await page.WaitForBlazorAsync();
        return page;
    }

    private static string Day(DateTime date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime Monday(DateTime date) => date.Date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private static int WeeksOverlapping(DateTime from, DateTime to) => (int)((Monday(to) - Monday(from)).TotalDays / 7) + 1;
}
