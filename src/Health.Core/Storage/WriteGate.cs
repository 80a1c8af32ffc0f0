namespace Health.Core.Storage;

/// <summary>
/// Lets one page commit at a time within this process. SQLite has a single writer: without the gate, writers
/// that collide fall back on SQLite's busy handler, which sleeps and polls; with it, the next writer starts the
/// moment the last one commits. Writers in other processes still meet SQLite's busy timeout.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Exit(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
