using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Health.Web.Tests.Infrastructure;

/// <summary>
/// Keeps every log entry the app writes, at every level and from every category (ours, ASP.NET Core's, EF Core's,
/// Hangfire's through its bridge): the formatted message, its structured values and its exception with inner exceptions.
/// For tests that prove a secret is never logged.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Every entry so far, as text.</summary>
    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>Adds this provider to the host, receiving every level of every category (the other providers keep their levels).</summary>
    public void AddTo(IWebHostBuilder host) => host.ConfigureServices(services => services.AddLogging(logging =>
    {
        logging.AddProvider(this);
        logging.AddFilter<CapturedLogs>(category: null, LogLevel.Trace);
    }));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            logs._entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
