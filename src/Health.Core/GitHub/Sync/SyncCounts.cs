namespace Health.Core.GitHub.Sync;

/// <summary>Rows added and updated per kind during one sync, plus items skipped because GitHub sent them malformed.</summary>
public sealed class SyncCounts
{
    private readonly Dictionary<string, (int Added, int Updated)> _byKind = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (int Added, int Updated)> ByKind => _byKind;

    public int Malformed { get; private set; }

    public int Vanished { get; private set; }

    public int Added => _byKind.Values.Sum(v => v.Added);

    public int Updated => _byKind.Values.Sum(v => v.Updated);

    public void Add(string kind, int added, int updated)
    {
        var (a, u) = _byKind.GetValueOrDefault(kind);
        _byKind[kind] = (a + added, u + updated);
    }

    public void CountMalformed(int n = 1) => Malformed += n;

    public void CountVanished() => Vanished++;
}
