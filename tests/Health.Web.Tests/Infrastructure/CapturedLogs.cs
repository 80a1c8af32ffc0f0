using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Health.Web.Tests.Infrastructure;

/// <summary>
/// Keeps every log entry the app writes, at every level and from every category (ours, ASP.NET Core's, EF Core's,
/// Hangfire's through its bridge): the formatted message, its structured values and its exception with inner exceptions.
/// For tests that prove a secret is never logged (<see cref="Entries"/>, as text), and for tests of what a page logs
/// (<see cref="Records"/>, <see cref="Pages"/>).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    /// <summary>Every entry so far, as text: level, category, message, structured values and exception.</summary>
    public IReadOnlyCollection<string> Entries => [.. _records.Select(r => r.Text)];

    /// <summary>Every entry so far, as written.</summary>
    public IReadOnlyCollection<LogRecord> Records => _records;

    /// <summary>What the pages logged (their categories are their types, under <c>Health.Web.Components</c>).</summary>
    public IReadOnlyList<LogRecord> Pages => [.. _records.Where(e => e.Category.StartsWith("Health.Web.Components.", StringComparison.Ordinal))];

    /// <summary>Adds this provider to the host, receiving every level of every category (the other providers keep their levels).</summary>
    public void AddTo(IWebHostBuilder host) => host.ConfigureServices(services => services.AddLogging(AddTo));

    /// <summary>Adds this provider to a logging builder, receiving every level of every category.</summary>
    public void AddTo(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddProvider(this);
        logging.AddFilter<CapturedLogs>(category: null, LogLevel.Trace);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>One entry: its category, level, formatted message, structured values and exception.</summary>
    public sealed record LogRecord(string Category, LogLevel Level, string Message, string Values, Exception? Exception)
    {
        public string Text => $"{Level} {Category}: {Message} [{Values}] {Exception}";
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            logs._records.Enqueue(new LogRecord(category, logLevel, formatter(state, exception), values, exception));
        }
    }
}
