using Health.Web.Components;
using Microsoft.Extensions.Logging;

namespace Health.Web.Tests.Components;

/// <summary>The pages' live refresh: a failing tick is logged and the refresh goes on; closing the page stops it.</summary>
public sealed class LiveRefreshTests
{
    [Fact]
    public async Task RunAsync_TickFailsOnce_LogsItAndKeepsRefreshing()
    {
        var ticks = 0;
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logger = new ListLogger();
        using var closed = new CancellationTokenSource();

        var run = LiveRefresh.RunAsync(TimeSpan.FromMilliseconds(10), TimeProvider.System, () =>
        {
            if (Interlocked.Increment(ref ticks) == 1)
            {
                throw new InvalidOperationException("database is locked");
            }

            if (ticks == 3)
            {
                third.TrySetResult();
            }

            return Task.CompletedTask;
        }, logger, closed.Token);

        await third.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await closed.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("database is locked", warning.Exception?.Message);
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
