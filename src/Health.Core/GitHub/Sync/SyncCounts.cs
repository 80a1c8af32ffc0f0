namespace Health.Core.GitHub.Sync;

/// <summary>Rows added and updated per kind during one sync, plus items skipped because GitHub sent them malformed. Thread-safe: streams run side by side.</summary>
public sealed class SyncCounts
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Added, int Updated)> _byKind = new(StringComparer.Ordinal);
    private int _malformed;
    private int _vanished;

    public IReadOnlyDictionary<string, (int Added, int Updated)> ByKind
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, (int Added, int Updated)>(_byKind, StringComparer.Ordinal);
            }
        }
    }

    public int Malformed => Volatile.Read(ref _malformed);

    public int Vanished => Volatile.Read(ref _vanished);

    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _byKind.Values.Sum(v => v.Added + v.Updated);
            }
        }
    }

    public void Add(string kind, int added, int updated)
    {
        lock (_gate)
        {
            var (a, u) = _byKind.GetValueOrDefault(kind);
            _byKind[kind] = (a + added, u + updated);
        }
    }

    public void CountMalformed(int n = 1) => Interlocked.Add(ref _malformed, n);

    public void CountVanished() => Interlocked.Increment(ref _vanished);
}
