using Health.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Health.Browser.Tests.Pages;

/// <summary>
/// What every page of <see cref="SitePages"/> must do, in light and in dark: load its data without a console error, a failed
/// request or an error status, and leave a full-page screenshot to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SitePageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(SitePages.NamesAndSchemes), MemberType = typeof(SitePages))]
    public async Task Open_PageInColorScheme_LoadsWithoutErrorsAndSavesAScreenshot(string name, ColorScheme scheme)
    {
        var site = SitePages.Named(name);
        await using var page = await fixture.OpenAsync(scheme);

        await page.GotoAsync(site.Path);
        await site.WaitUntilReady(page);

        page.AssertNoProblems();
        Assert.Equal(scheme == ColorScheme.Dark, await page.Page.EvaluateAsync<bool>("() => matchMedia('(prefers-color-scheme: dark)').matches"));
        var path = await fixture.Screenshots.SaveAsync(page.Page, site.Name, scheme);
        output.WriteLine(path);
        Assert.True(new FileInfo(path).Length > 1000, $"{path} is (nearly) empty.");
    }

    [Theory]
    [MemberData(nameof(SitePages.Names), MemberType = typeof(SitePages))]
    public async Task Open_PageOnAPhone_FitsTheScreenWidthAndSavesAScreenshot(string name)
    {
        var site = SitePages.Named(name);
        await using var page = await WatchedPage.OpenAsync(fixture.Browser, fixture.App.BaseUri, ColorScheme.Light, WatchedPage.Phone);

        await page.GotoAsync(site.Path);
        await site.WaitUntilReady(page);

        page.AssertNoProblems();
        var path = await fixture.Screenshots.SaveAsync(page.Page, site.Name, ColorScheme.Light, "phone");
        output.WriteLine(path);

        // Nothing wider than the screen: a page that scrolls sideways on a phone is not readable. Tables scroll inside
        // their own box, so only the document's width counts.
        var (document, screen) = await page.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]") is [var d, var s] ? (d, s) : (0, 0);
        Assert.True(document <= screen, $"{name} is {document} px wide on a {screen} px screen.");
    }
}
