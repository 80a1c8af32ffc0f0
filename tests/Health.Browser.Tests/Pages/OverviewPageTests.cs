using Health.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Health.Browser.Tests.Pages;

/// <summary>The overview at <c>/</c>: a card per tracked repository with its key numbers and their sparklines.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OverviewPageTests(BrowserFixture fixture)
{
    private static readonly string[] Numbers = ["PRs merged", "Merge rate", "Median first response", "Newcomers", "Active contributors"];

    [Fact]
    public async Task Open_SyncedRepositories_ShowsACardWithASparklinePerNumber()
    {
        await using var page = await fixture.OpenAsync();
        await page.GotoAsync("/");
        await page.WaitForBlazorAsync();

        await Expect(page.Page.Locator("article.card h2")).ToHaveTextAsync(BrowserFixture.Repositories);
        foreach (var repository in BrowserFixture.Repositories)
        {
            var card = page.Page.Locator($"article.card[data-repo='{repository}']");
            await Expect(card.Locator("dt")).ToHaveTextAsync(Numbers);
            var charts = await PageCharts.ChartsAsync(card);
            Assert.Equal(Numbers.Select(n => $"{n}, last 12 months"), charts.Select(c => c.Title));
            Assert.All(charts, c => Assert.True(c is { Kind: "line", Series: 1, Points: > 0 and <= 12 }, $"{repository}: {c}"));

            // A count has a value every month (zero at worst): twelve months of history, twelve points.
            Assert.Equal(12, charts[0].Points);
        }

        page.AssertNoProblems();
    }

    [Fact]
    public async Task ClickRepositories_InTheMenu_OpensTheRepositoriesPageWithoutErrors()
    {
        await using var page = await fixture.OpenAsync();
        await page.GotoAsync("/");
        await page.WaitForBlazorAsync();

        await page.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Repositories" }).ClickAsync();

        await Expect(page.Page).ToHaveURLAsync(fixture.App.Url("/repositories"));
        await Expect(page.Page.Locator("h1")).ToHaveTextAsync("Repositories");
        await Expect(page.Page.Locator("tr[data-repo]")).ToHaveCountAsync(BrowserFixture.Repositories.Length);
        page.AssertNoProblems();
    }
}
