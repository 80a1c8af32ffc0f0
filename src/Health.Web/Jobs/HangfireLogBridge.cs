using Hangfire.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Health.Web.Jobs;

/// <summary>
/// Hangfire logs through one process-wide provider, and some of its classes keep their logger in static fields.
/// Its default provider wraps the first host's <see cref="ILoggerFactory"/>; once that host stops (a test, a restart in
/// the same process), every later log call throws <see cref="ObjectDisposedException"/>. This bridge resolves the
/// current host's factory at each call instead, and drops a message rather than failing when there is none.
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    public static readonly HangfireLogBridge Instance = new();

    private ILoggerFactory? _factory;

    private HangfireLogBridge()
    {
    }

    public void Attach(ILoggerFactory factory) => Volatile.Write(ref _factory, factory);

    public ILog GetLogger(string name) => new BridgedLog(this, name);

    private sealed class BridgedLog(HangfireLogBridge bridge, string name) : ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var factory = Volatile.Read(ref bridge._factory);
            if (factory is null)
            {
                return false;
            }

            try
            {
                var logger = factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
#pragma warning disable CA1848, CA2254 // Hangfire hands us finished messages, not templates.
                    logger.Log(level, 0, exception, messageFunc());
#pragma warning restore CA1848, CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static LogLevel Map(HangfireLogLevel level) => level switch
        {
            HangfireLogLevel.Trace => LogLevel.Trace,
            HangfireLogLevel.Debug => LogLevel.Debug,
            HangfireLogLevel.Info => LogLevel.Information,
            HangfireLogLevel.Warn => LogLevel.Warning,
            HangfireLogLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
