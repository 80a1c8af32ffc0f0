using Health.Core.GitHub.Sync;

namespace Health.Web.Cli;

/// <summary>Progress lines on stderr: at most one a second per stream, and every wait message.</summary>
internal sealed class ConsoleProgress(TextWriter error, TimeProvider time) : IProgress<SyncProgress>
{
    private readonly Lock _gate = new();
    private string? _lastStream;
    private DateTimeOffset _lastAt;

    public void Report(SyncProgress value)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (value.Message is null && value.Stream == _lastStream && now - _lastAt < TimeSpan.FromSeconds(1))
            {
                return;
            }

            _lastStream = value.Stream;
            _lastAt = now;
            var pages = value.TotalPages is { } total ? $"page {value.Pages}/{total}" : $"page {value.Pages}";
            var percent = value.Percent is { } p ? $" [{p,5:0.0}%]" : string.Empty;
            var line = value.Message is { } message && value.Pages == 0
                ? $"{value.Stream}: {message}"
                : $"{value.Stream}: {pages}, {value.Items} items{percent}{(value.Message is null ? string.Empty : " — " + value.Message)}";
            error.WriteLine(line);
        }
    }
}
