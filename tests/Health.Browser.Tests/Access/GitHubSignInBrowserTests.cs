using GitHubSimulator;
using Health.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Health.Browser.Tests.Access;

/// <summary>
/// "Sign in with GitHub" in the real browser, against the simulator's OAuth app: the dashboard sends a visitor to GitHub's
/// authorize page, back signed in; an operator manages, a reader is refused the operators' pages with a message, and a
/// login on neither list is refused with a message. This test has its own app in <c>Access:Mode=GitHub</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GitHubSignInBrowserTests(BrowserFixture fixture) : IAsyncLifetime
{
    private KestrelApp? _app;
    private string[] _people = [];

    private KestrelApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _app = await KestrelApp.StartAsync(new WorldOptions { Prs = 40, End = KestrelApp.WorldEnd }, new Dictionary<string, string?>
        {
            ["Access:Mode"] = "GitHub",
            ["Access:GitHub:ClientId"] = new SimulatorOptions().OAuthClientId,
            ["Access:GitHub:ClientSecret"] = new SimulatorOptions().OAuthClientSecret,
            ["Access:Operators:0"] = "acme/maintainers",
            ["Access:Readers:0"] = "acme",
        });
        var world = App.Simulator.World;
        lock (world.SyncRoot)
        {
            _people = [.. world.Accounts.Where(a => a.Type == AccountTypes.User && a.Login != "ghost").Take(3).Select(a => a.Login)];
        }

        world.AddTeamMember("acme", "maintainers", _people[0]);
        world.AddOrgMember("acme", _people[1]);
        await App.TrackAndSyncAsync("acme/widgets", TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Operator_SignsInThroughGitHub_Manages_AndSignsOut()
    {
        await using var page = await WatchedPage.OpenAsync(fixture.Browser, App.BaseUri);
        await page.GotoAsync("/repositories");

        await AuthorizeAsync(page.Page, _people[0]);

        await Expect(page.Page).ToHaveURLAsync(App.Url("/repositories"));
        await page.WaitForBlazorAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Repositories", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("signed-in-as")).ToHaveTextAsync(_people[0]);

        await page.Page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.Page.GetByTestId("signed-out")).ToBeVisibleAsync();
        await page.GotoAsync("/repositories");
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Authorize application" })).ToBeVisibleAsync();
        page.AssertNoProblems();
    }

    [Fact]
    public async Task Reader_ReadsTheDashboard_ButIsRefusedTheRepositoriesPageWithAMessage()
    {
        await using var page = await WatchedPage.OpenAsync(fixture.Browser, App.BaseUri);
        await page.GotoAsync("/");
        await AuthorizeAsync(page.Page, _people[1]);
        await Expect(page.Page).ToHaveURLAsync(App.Url("/"));
        await Expect(page.Page.Locator("[data-repo='acme/widgets']").First).ToBeVisibleAsync();

        await page.GotoAsync("/repositories");

        await Expect(page.Page.GetByTestId("denied")).ToContainTextAsync($"You are signed in as {_people[1]}, who may read this dashboard but not manage it");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task LoginOnNeitherList_IsRefusedWithAMessage()
    {
        await using var page = await WatchedPage.OpenAsync(fixture.Browser, App.BaseUri);
        await page.GotoAsync("/");

        await AuthorizeAsync(page.Page, _people[2]);

        await Expect(page.Page.GetByTestId("denied")).ToContainTextAsync($"GitHub signed you in as {_people[2]}, who is not among this dashboard's readers or operators");
        page.AssertNoProblems();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>On the simulator's authorize page (where the dashboard sent the browser): sign in as <paramref name="login"/> and authorize.</summary>
    private static async Task AuthorizeAsync(IPage page, string login)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Authorize application" })).ToBeVisibleAsync();
        await page.GetByLabel("Username or email address").FillAsync(login);
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();
    }
}
