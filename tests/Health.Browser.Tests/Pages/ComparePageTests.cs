using Health.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Health.Browser.Tests.Pages;

/// <summary>The compare page in the browser: picking what to compare, one series an entry, a CSV equal to its table.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ComparePageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task PickOrganisationAndRepository_Compare_ChartsHaveASeriesEachAndTheUrlReproducesTheView()
    {
        await using var page = await fixture.OpenAsync();
        await page.GotoAsync("/compare");
        await page.WaitForBlazorAsync();
        var picker = page.Page.GetByRole(AriaRole.Form, new() { Name = "What to compare" });
        var compare = picker.GetByRole(AriaRole.Button, new() { Name = "Compare" });
        await Expect(compare).ToBeDisabledAsync();

        await picker.Locator("[data-owner=acme] label.org input").CheckAsync();
        await picker.GetByLabel("acme/widgets-2").CheckAsync();
        await compare.ClickAsync();

        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/compare\?items=acme,acme/widgets-2&period=month&from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d$"));
        await Expect(page.Page.GetByTestId("entries").Locator("a")).ToHaveTextAsync(["acme (3 repositories)", "acme/widgets-2"]);
        await ChartCards.AssertChartsDrawTheirTablesAsync(page.Page);
        var charts = await PageCharts.ChartsAsync(page.Page);
        Assert.Equal(16, charts.Count); // 14 METRICS.md figures, then the response target and the reviewing spent on unmerged work
        Assert.All(charts.Where(c => c.Message is null), c => Assert.Equal(2, c.Series));
        Assert.Equal(2, charts[0].Series); // PRs opened: both have PRs every month of the world

        var url = page.Page.Url;
        await page.Page.ReloadAsync();
        await page.WaitForBlazorAsync();
        await Expect(page.Page.GetByTestId("entries").Locator("a")).ToHaveTextAsync(["acme (3 repositories)", "acme/widgets-2"]);
        Assert.Equal(url, page.Page.Url);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task DownloadCsv_ComparedChart_EqualsItsTableLineForLine()
    {
        await using var page = await fixture.OpenAsync();
        await page.GotoAsync("/compare?items=acme/widgets,acme/widgets-3&period=week");
        await page.WaitForBlazorAsync();
        var tables = await ChartCards.TablesAsync(page.Page);

        foreach (var chart in new[] { "prs-opened", "merge-rate", "first-response" })
        {
            var lines = await ChartCards.DownloadCsvAsync(page.Page, chart);

            Assert.Equal(tables.Single(t => t.Chart == chart).CsvLines, lines);
            Assert.Equal("period_start,acme/widgets,acme/widgets-3", lines[0]);
        }

        page.AssertNoProblems();
    }
}
