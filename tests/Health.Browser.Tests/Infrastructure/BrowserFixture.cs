using System.Diagnostics;
using GitHubSimulator;
using Health.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Health.Browser.Tests.Infrastructure;

/// <summary>
/// What the browser tests share, once per run: the app on Kestrel with three synced repositories (acme/widgets,
/// acme/widgets-2, acme/widgets-3, tracked as the owner <c>acme</c>) and a report schedule of acme/widgets whose test report
/// was delivered to a webhook receiver on loopback (so the reports pages have something to show), and one headless
/// Chromium. Each test opens its own browser context through <see cref="OpenAsync"/>, so cookies and storage never leak
/// between tests.
/// </summary>
public sealed class BrowserFixture(IMessageSink messages) : IAsyncLifetime
{
    public const string Owner = "acme";

    public static readonly string[] Repositories = ["acme/widgets", "acme/widgets-2", "acme/widgets-3"];

    private KestrelApp? _app;
    private WebhookSink? _webhook;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelApp App => _app ?? throw new InvalidOperationException("The app is not running.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not running.");

    public Screenshots Screenshots { get; } = new();

    public async Task InitializeAsync()
    {
        // Checked first: without a browser or the driver nothing below is worth starting.
        var launch = Chromium.LaunchOptions();
        Chromium.EnsureDriver();
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(15_000);

        // The app (with its first sync) and the browser start side by side; whatever started is stopped if the other failed.
        var clock = Stopwatch.StartNew();
        var app = StartAppAsync();
        var browser = StartBrowserAsync(launch, clock);
        try
        {
            await Task.WhenAll(app, browser);
        }
        catch
        {
            await DisposeAsync(app.IsCompletedSuccessfully ? app.Result : null, browser.IsCompletedSuccessfully ? browser.Result : default);
            throw;
        }

        _app = app.Result;
        (_playwright, _browser) = browser.Result;
        Log($"Chromium {_browser.Version} ({launch.ExecutablePath}) and the app at {_app.BaseUri} with {string.Join(", ", Repositories)} synced, ready in {clock.Elapsed.TotalSeconds:0.0} s.");
        Log($"Screenshots: {Screenshots.Directory}");
    }

    /// <summary>A new browser context and page on the app, in the given colour scheme, watching for problems.</summary>
    public Task<WatchedPage> OpenAsync(ColorScheme scheme = ColorScheme.Light) => WatchedPage.OpenAsync(Browser, App.BaseUri, scheme);

    public async Task DisposeAsync()
    {
        await DisposeAsync(_app, (_playwright, _browser));
        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }
    }

    private async Task<KestrelApp> StartAppAsync()
    {
        var app = await KestrelApp.StartAsync(new WorldOptions { Prs = 300, ExtraRepositories = 2, End = KestrelApp.WorldEnd });
        try
        {
            var added = await app.TrackAndSyncAsync(Owner, TimeSpan.FromSeconds(90));
            if (!added.Order(StringComparer.Ordinal).SequenceEqual(Repositories))
            {
                throw new InvalidOperationException($"Tracking {Owner} added {string.Join(", ", added)}; the tests expect {string.Join(", ", Repositories)}.");
            }

            _webhook = await WebhookSink.StartAsync();
            await app.MakeReportAsync(Repositories[0], _webhook.Url, TimeSpan.FromSeconds(30));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            if (_webhook is not null)
            {
                await _webhook.DisposeAsync();
                _webhook = null;
            }

            throw;
        }
    }

    private async Task<(IPlaywright, IBrowser)> StartBrowserAsync(BrowserTypeLaunchOptions launch, Stopwatch clock)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(launch);
            Log($"Chromium started after {clock.Elapsed.TotalSeconds:0.0} s.");
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    private static async Task DisposeAsync(KestrelApp? app, (IPlaywright? Playwright, IBrowser? Browser) browser)
    {
        if (browser.Browser is not null)
        {
            await browser.Browser.DisposeAsync();
        }

        browser.Playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private void Log(string message) => messages.OnMessage(new DiagnosticMessage(message));
}

/// <summary>The browser tests: one collection, so the app, its sync and the browser are set up once and tests run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
