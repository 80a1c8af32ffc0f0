using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Health.Web.Components.Pages;

/// <summary>
/// What the dashboard's live pages share (as the pages of .NET Aspire's dashboard share theirs): the token that is
/// cancelled when the page closes, the live refresh that reads again every <see cref="DashboardOptions.RefreshInterval"/>
/// what a sync by any process may have changed, disposal that stops it, and one error path. A load that fails is logged
/// with its exception under the page's own category, and the page shows what failed and what to do (never the raw
/// exception text); while the page is live, the next tick runs the failed load again.
/// </summary>
public abstract partial class LivePage : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private Func<Task>? _retry;
    private ILogger? _logger;

    protected LivePage() => Closed = _closed.Token;

    /// <summary>The page's clock ("now" and the refresh's ticks).</summary>
    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> DashboardOptions { get; set; } = default!;

    [Inject]
    private ILoggerFactory LoggerFactory { get; set; } = default!;

    /// <summary>Cancelled when the page closes; every read of the page passes it.</summary>
    protected CancellationToken Closed { get; }

    /// <summary>The page's logger, its category the page's type (as <c>ILogger&lt;TPage&gt;</c>'s).</summary>
    protected ILogger Logger => _logger ??= LoggerFactory.CreateLogger(GetType());

    /// <summary>The current UTC time of <see cref="Time"/>.</summary>
    protected DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>What the last load could not read and what to do about it, for the page to show; null when it succeeded.</summary>
    protected string? LoadError { get; private set; }

    /// <summary>The live refresh, running from the first interactive render until the page closes (for tests).</summary>
    internal Task Refreshing { get; private set; } = Task.CompletedTask;

    private TimeSpan RefreshInterval => DashboardOptions.Value.RefreshInterval;

    public async ValueTask DisposeAsync()
    {
        if (_closed.IsCancellationRequested)
        {
            return;
        }

        await _closed.CancelAsync();
        try
        {
            // The loop ends at once: its timer and its reads are cancelled. Bounded all the same, so a read that ignores
            // the token cannot hold the circuit's teardown.
            await Refreshing.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Left to end on its own; it no longer renders anything.
        }

        await DisposeAsyncCore();
        _closed.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>What a page releases besides the refresh.</summary>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && !_closed.IsCancellationRequested)
        {
            Refreshing = LiveRefresh.RunAsync(RefreshInterval, Time, TickAsync, Logger, Closed);
        }
    }

    /// <summary>One tick of the live refresh: read again what a sync may have changed (the page renders after it).</summary>
    protected abstract Task RefreshAsync();

    /// <summary>
    /// Runs one load of what the page shows (<paramref name="what"/> names it for people: "the repository's figures").
    /// A failure other than the page closing is logged with its exception and becomes <see cref="LoadError"/>, and the
    /// next tick of the live refresh runs the same load again instead of its usual work. Returns whether it succeeded.
    /// </summary>
    protected async Task<bool> LoadAsync(string what, Func<Task> load)
    {
        try
        {
            await load();
            (LoadError, _retry) = (null, null);
            return true;
        }
        catch (Exception) when (Closed.IsCancellationRequested)
        {
            // The page closed while it read: nothing to show.
            return false;
        }
        catch (Exception e)
        {
            LogLoadFailed(Logger, what, e);
            var next = RendererInfo.IsInteractive ? $"the page tries again in {Interval(RefreshInterval)}" : "reload the page to try again";
            LoadError = $"Could not load {what}: {Reason(e)}; {next}.";
            _retry = () => LoadAsync(what, load);
            return false;
        }
    }

    /// <summary>Why something failed, in words a person can act on; the exception itself goes to the log.</summary>
    internal static string Reason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    return "the database is busy (a sync may be writing to it)";
                case TimeoutException or OperationCanceledException:
                    return "the database took too long to answer";
                case DbException:
                    return "the database could not be read (the server log says why)";
            }
        }

        return "an unexpected error, written to the server log";
    }

    /// <summary>"2 s", "1.5 s", "50 ms".</summary>
    internal static string Interval(TimeSpan interval) =>
        interval < TimeSpan.FromSeconds(1)
            ? $"{interval.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
            : $"{interval.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    /// <summary>A tick on the renderer's dispatcher, so the page's state changes only between its renders.</summary>
    private Task TickAsync() => InvokeAsync(async () =>
    {
        if (_retry is { } retry)
        {
            await retry();
        }
        else
        {
            await RefreshAsync();
        }

        StateHasChanged();
    });

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load {What}")]
    private static partial void LogLoadFailed(ILogger logger, string what, Exception exception);
}
