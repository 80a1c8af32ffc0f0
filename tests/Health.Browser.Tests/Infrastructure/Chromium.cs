using Microsoft.Playwright;

namespace Health.Browser.Tests.Infrastructure;

/// <summary>
/// The browser the tests drive: Debian's <c>chromium</c> found on the PATH, never a browser downloaded by Playwright.
/// Missing, it fails the run with one message that says how to install it: a browser test that cannot run must not pass.
/// </summary>
public static class Chromium
{
    public const string Missing =
        "The browser tests drive Debian's Chromium, and no 'chromium' is on the PATH. Install it (as root: apt-get install chromium) " +
        "or run .ci/test, which installs it on Debian.";

    /// <summary>The full path of <c>chromium</c> on the PATH, or null.</summary>
    public static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Headless Chromium from the PATH; <c>--no-sandbox</c> as root, where Chromium refuses to start with its sandbox.</summary>
    public static BrowserTypeLaunchOptions LaunchOptions()
    {
        var path = Find() ?? throw new InvalidOperationException(Missing);
        return new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = IsRoot() ? ["--no-sandbox"] : [],
        };
    }

    /// <summary>
    /// The driver Playwright for .NET talks to (Node.js and the Playwright package): the Microsoft.Playwright package's build
    /// targets copy it into the output folder as <c>.playwright</c>, next to Microsoft.Playwright.dll.
    /// </summary>
    public static void EnsureDriver()
    {
        if (Environment.GetEnvironmentVariable("PLAYWRIGHT_DRIVER_SEARCH_PATH") is { Length: > 0 })
        {
            return;
        }

        var root = Path.Combine(Path.GetDirectoryName(typeof(IPlaywright).Assembly.Location)!, ".playwright");
        if (!File.Exists(Path.Combine(root, "package", "cli.js")) || !Directory.Exists(Path.Combine(root, "node")))
        {
            throw new InvalidOperationException(
                $"The Playwright driver is missing from {root}: it is copied there when the test project is built. Run dotnet build before dotnet test --no-build.");
        }
    }

    private static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.UserName == "root";
}
