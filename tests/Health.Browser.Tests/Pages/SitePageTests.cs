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
}
