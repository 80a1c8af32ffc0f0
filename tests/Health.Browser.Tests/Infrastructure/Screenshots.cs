using Microsoft.Playwright;

namespace Health.Browser.Tests.Infrastructure;

/// <summary>
/// Where screenshots go: the folder in <c>HEALTH_SCREENSHOTS</c> if set, else <c>TestResults/screenshots</c> beside the test
/// assembly. A file is named <c>{page}-{scheme}.png</c> (<c>{page}-{scheme}-phone.png</c> on a phone) and replaced on every run.
/// </summary>
public sealed class Screenshots
{
    public string Directory { get; } = Environment.GetEnvironmentVariable("HEALTH_SCREENSHOTS") is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Saves a full-page screenshot and returns its path.</summary>
    public async Task<string> SaveAsync(IPage page, string name, ColorScheme scheme, string? variant = null)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"{name}-{scheme.ToString().ToLowerInvariant()}{(variant is null ? string.Empty : "-" + variant)}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }
}
