using Health.Web.Components;
using Microsoft.Extensions.Logging;

namespace Health.Web.Tests.Components;

/// <summary>The pages' live refresh: a failing tick is logged and the refresh goes on; closing the page stops it.</summary>
public sealed class LiveRefreshTests
{
    [Fact]
    public async Task RunAsync_TicksFailOrTimeOut_LogsThemAndKeepsRefreshing()
    {
        var ticks = 0;
        var fourth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logger = new ListLogger();
        using var closed = new CancellationTokenSource();

        var run = LiveRefresh.RunAsync(TimeSpan.FromMilliseconds(10), TimeProvider.System, () =>
        {
            switch (Interlocked.Increment(ref ticks))
            {
                case 1:
                    throw new InvalidOperationException("database is locked");
                case 2:
                    throw new TaskCanceledException("a query timed out"); // cancelled, but not by the page closing
            }

            if (ticks == 4)
            {
                fourth.TrySetResult();
            }

            return Task.CompletedTask;
        }, logger, closed.Token);

        await fourth.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await closed.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(
            [(LogLevel.Warning, "database is locked"), (LogLevel.Warning, "a query timed out")],
            logger.Entries.Select(e => (e.Level, e.Exception?.Message)));
        Assert.True(run.IsCompletedSuccessfully, "Closing the page ends the refresh quietly.");
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, exception));
            }
        }
    }
}
