using Microsoft.Playwright;

namespace Health.Browser.Tests.Infrastructure;

/// <summary>
/// A page in its own browser context that records everything a person would call broken: console errors, uncaught
/// exceptions, requests that failed and responses of 400 or more. Every test ends with <see cref="AssertNoProblems"/>.
/// </summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly List<string> _problems = [];

    private WatchedPage(IBrowserContext context, IPage page, Uri baseUri)
    {
        Context = context;
        Page = page;
        BaseUri = baseUri;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"console error: {message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => Add($"uncaught error: {error}");
        page.RequestFailed += (_, request) => Add($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Add($"HTTP {response.Status} {response.StatusText}: {response.Request.Method} {response.Url}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri BaseUri { get; }

    /// <summary>What went wrong so far, in order.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>A laptop's window.</summary>
    public static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };

    /// <summary>A phone held upright (CSS pixels of a common 6-inch phone).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static async Task<WatchedPage> OpenAsync(IBrowser browser, Uri baseUri, ColorScheme scheme = ColorScheme.Light, ViewportSize? viewport = null)
    {
        var phone = viewport is { Width: < 600 };
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUri.ToString(),
            ColorScheme = scheme,
            ViewportSize = viewport ?? Laptop,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        return new WatchedPage(context, await context.NewPageAsync(), baseUri);
    }

    /// <summary>Opens a path of the app and waits until the page and its scripts have loaded.</summary>
    public async Task<IResponse> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load })
            ?? throw new InvalidOperationException($"No response for {path}.");
        Assert.True(response.Ok, $"GET {path} answered {response.Status} {response.StatusText}.");
        return response;
    }

    /// <summary>
    /// Waits until Blazor has made the page interactive: the circuit is up and its first render is in the DOM, so clicks
    /// and typing reach the component. Before that the page is the prerendered HTML, which looks the same and ignores
    /// input. The sign is the comment nodes <c>&lt;!--!--&gt;</c> that Blazor's renderer puts around the components it
    /// renders interactively (prerendered HTML has only the <c>bl-root</c> markers).
    /// </summary>
    public Task WaitForBlazorAsync() =>
        Page.WaitForFunctionAsync(
            """
            () => {
                const comments = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
                while (comments.nextNode()) {
                    if (comments.currentNode.data === '!') return true;
                }
                return false;
            }
            """,
            null,
            new PageWaitForFunctionOptions { PollingInterval = 25 });

    public void AssertNoProblems() =>
        Assert.True(Problems.Count == 0, $"{Page.Url} reported problems:{Environment.NewLine}{string.Join(Environment.NewLine, Problems)}");

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private void Add(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
