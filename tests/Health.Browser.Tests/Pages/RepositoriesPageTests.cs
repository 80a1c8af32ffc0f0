using Health.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Health.Browser.Tests.Pages;

/// <summary>/repositories in a real browser: the synced repositories, adding with GitHub's answers, and live sync state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RepositoriesPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Open_SyncedRepositories_ShowsEachIdleWithWhatWasCollected()
    {
        await using var page = await OpenAsync();

        await Expect(page.Page.Locator("tr[data-repo]")).ToHaveCountAsync(BrowserFixture.Repositories.Length);
        foreach (var repo in fixture.App.Simulator.World.Repositories)
        {
            var row = Row(page, repo.FullName);
            await Expect(row).ToHaveAttributeAsync("data-state", "idle");
            await Expect(row.Locator(".state")).ToHaveTextAsync("Idle");
            await Expect(row.Locator(".counts")).ToContainTextAsync($"{repo.Pulls.Count:N0} PRs");
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Sync now" })).ToBeEnabledAsync();
        }

        page.AssertNoProblems();
    }

    [Fact]
    public async Task Add_UnknownRepository_ShowsGitHubsMessage()
    {
        await using var page = await OpenAsync();

        await AddAsync(page, "acme/does-not-exist");

        var message = page.Page.GetByTestId("message");
        await Expect(message).ToContainTextAsync("GitHub knows no repository acme/does-not-exist");
        await Expect(message).ToHaveAttributeAsync("role", "alert");
        await Expect(page.Page.Locator("tr[data-repo]")).ToHaveCountAsync(BrowserFixture.Repositories.Length);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task Add_TrackedRepository_SaysItIsAlreadyTracked()
    {
        await using var page = await OpenAsync();

        await AddAsync(page, "acme/widgets-2");

        var message = page.Page.GetByTestId("message");
        await Expect(message).ToHaveTextAsync("acme/widgets-2 was already tracked.");
        await Expect(message).ToHaveAttributeAsync("role", "status");
        await Expect(page.Page.Locator("#add-input")).ToHaveValueAsync(string.Empty);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task SyncNow_IdleRepository_RowShowsSyncingThenIdleWithoutReload()
    {
        await using var page = await OpenAsync();
        var row = Row(page, "acme/widgets-3");
        await page.Page.EvaluateAsync("() => window.healthSameDocument = true");

        // GitHub answers slowly until the row has shown the running sync: a sync of this small repository is otherwise
        // over between two refreshes of the page.
        fixture.App.Simulator.Options.Latency = TimeSpan.FromMilliseconds(400);
        try
        {
            await row.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
            await Expect(page.Page.GetByTestId("message")).ToHaveTextAsync("A sync of acme/widgets-3 is queued; it starts as soon as a worker is free (or is skipped if one is already running).");
            await Expect(row).ToHaveAttributeAsync("data-state", "syncing");
            await Expect(row.Locator(".state .badge")).ToContainTextAsync("Syncing");
        }
        finally
        {
            fixture.App.Simulator.Options.Latency = TimeSpan.Zero;
        }

        await Expect(row).ToHaveAttributeAsync("data-state", "idle", new() { Timeout = 30_000 });
        await Expect(row.Locator(".state")).ToHaveTextAsync("Idle");
        Assert.True(await page.Page.EvaluateAsync<bool>("() => window.healthSameDocument === true"), "The page was reloaded.");
        page.AssertNoProblems();
    }

    private async Task<WatchedPage> OpenAsync()
    {
        var page = await fixture.OpenAsync();
        await page.GotoAsync("/repositories");
        await page.WaitForBlazorAsync();
        return page;
    }

    private static async Task AddAsync(WatchedPage page, string input)
    {
        await page.Page.Locator("#add-input").FillAsync(input);
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
    }

    private static ILocator Row(WatchedPage page, string fullName) => page.Page.Locator($"tr[data-repo='{fullName}']");
}
