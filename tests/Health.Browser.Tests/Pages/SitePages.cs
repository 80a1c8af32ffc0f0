using System.Text.RegularExpressions;
using Health.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Health.Browser.Tests.Pages;

/// <summary>A page of the app: where it is and how to tell it has finished loading its data.</summary>
public sealed record SitePage(string Name, string Path, Func<WatchedPage, Task> WaitUntilReady);

/// <summary>
/// The pages every run opens, checks for console errors and photographs in light and dark (<see cref="SitePageTests"/>).
/// A new page is one more entry here: its address and what shows it is ready.
/// </summary>
public static class SitePages
{
    public static readonly IReadOnlyList<SitePage> All =
    [
        new("overview", "/", async page =>
        {
            await page.WaitForBlazorAsync();
            await Expect(page.Page.Locator("article.card h2")).ToHaveTextAsync(BrowserFixture.Repositories);
            await PageCharts.ChartsAsync(page.Page);
        }),
        new("repositories", "/repositories", async page =>
        {
            await page.WaitForBlazorAsync();
            foreach (var repository in BrowserFixture.Repositories)
            {
                await Expect(page.Page.Locator($"tr[data-repo='{repository}']")).ToHaveAttributeAsync("data-state", "idle");
            }
        }),
        new("repository", "/repos/acme/widgets", async page =>
        {
            await page.WaitForBlazorAsync();
            await Expect(page.Page.Locator("figure.chart .apexcharts-svg").First).ToBeVisibleAsync();
            var charts = await PageCharts.ChartsAsync(page.Page);
            Assert.True(charts.Count >= 10, $"expected the repository page's charts, found {charts.Count}");
        }),
        new("compare", "/compare?items=acme,acme/widgets,acme/widgets-2", async page =>
        {
            await page.WaitForBlazorAsync();
            var charts = await PageCharts.ChartsAsync(page.Page);
            Assert.True(charts.Count >= 14, $"expected the compare page's charts, found {charts.Count}");
        }),
        new("definitions", "/definitions", async page => await Expect(page.Page.Locator("h1")).ToHaveTextAsync("How each figure is defined")),
        new("reports", "/reports", async page =>
        {
            await page.WaitForBlazorAsync();
            await Expect(page.Page.Locator("tr[data-schedule]")).ToContainTextAsync("Weekly acme/widgets");
            await Expect(page.Page.Locator("tr[data-run] [data-state=delivered]")).ToHaveCountAsync(1);
        }),
        new("report", "/reports", async page =>
        {
            // The report the fixture made, opened from the archive as a person would (its id is the database's to choose).
            await page.WaitForBlazorAsync();
            await page.Page.Locator("tr[data-run]").GetByRole(AriaRole.Link, new() { Name = "View" }).ClickAsync();
            await Expect(page.Page).ToHaveURLAsync(new Regex(@"/reports/archive/\d+$"));
            await Expect(page.Page.FrameLocator("[data-testid=report-frame]").Locator("h1")).ToContainTextAsync("Health report for acme/widgets: week of ");
        }),
        new("jobs", "/jobs", async page =>
        {
            await Expect(page.Page.Locator(".navbar-brand")).ToHaveTextAsync("Health jobs");
            await Expect(page.Page.Locator("h1")).ToHaveTextAsync("Overview");
        }),
    ];

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var page in All)
            {
                data.Add(page.Name);
            }

            return data;
        }
    }

    public static TheoryData<string, ColorScheme> NamesAndSchemes
    {
        get
        {
            var data = new TheoryData<string, ColorScheme>();
            foreach (var page in All)
            {
                data.Add(page.Name, ColorScheme.Light);
                data.Add(page.Name, ColorScheme.Dark);
            }

            return data;
        }
    }

    public static SitePage Named(string name) => All.Single(p => p.Name == name);
}
