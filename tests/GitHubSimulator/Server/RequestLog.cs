namespace GitHubSimulator;

/// <summary>One answered (or dropped) request. <see cref="Status"/> is 0 when no answer was sent.</summary>
public sealed record RequestRecord(string Method, string PathAndQuery, int Status, DateTime At)
{
    /// <summary>The GraphQL points the request used (its query's cost; 0 for REST and for refused queries).</summary>
    public int Points { get; init; }

    /// <summary>The GraphQL operation name sent (or the first operation's name), null for REST.</summary>
    public string? Operation { get; init; }

    /// <summary>
    /// Who asked: <c>anonymous</c>, <c>token:VALUE</c> (test tokens only), <c>installation:ID</c>, <c>app:ID</c> (a GitHub
    /// App as itself) or <c>app:refused</c>; null for answers given before the caller is known (the OAuth web flow, faults
    /// that drop the connection).
    /// </summary>
    public string? Caller { get; init; }
}

/// <summary>
/// Every request the server saw, with its final status (after faults), recorded just before the answer is sent;
/// plus the number of 304s and the most requests ever in flight at once. Thread-safe.
/// </summary>
public sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RequestRecord> _records = [];
    private int _total;
    private int _notModified;
    private int _inFlight;
    private int _maxConcurrent;

    public int Total => Volatile.Read(ref _total);
    public int NotModified => Volatile.Read(ref _notModified);
    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Records kept (the oldest are dropped beyond this; the counters still count).</summary>
    public int MaxRecords { get; set; } = 1_000_000;

    public int Count(Func<RequestRecord, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_gate)
        {
            return _records.Count(predicate);
        }
    }

    public IReadOnlyList<RequestRecord> Snapshot()
    {
        lock (_gate)
        {
            return _records.ToArray();
        }
    }

    /// <summary>Forgets the records and counters; the concurrency high-water mark restarts from what is in flight now.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _records.Clear();
            Volatile.Write(ref _total, 0);
            Volatile.Write(ref _notModified, 0);
            Volatile.Write(ref _maxConcurrent, Volatile.Read(ref _inFlight));
        }
    }

    internal void Enter()
    {
        int now = Interlocked.Increment(ref _inFlight);
        int max = Volatile.Read(ref _maxConcurrent);
        while (now > max)
        {
            int seen = Interlocked.CompareExchange(ref _maxConcurrent, now, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    internal void Exit() => Interlocked.Decrement(ref _inFlight);

    internal void Record(RequestRecord record)
    {
        lock (_gate)
        {
            if (_records.Count >= MaxRecords && _records.Count > 0)
            {
                _records.RemoveRange(0, Math.Max(1, _records.Count / 10));
            }

            _records.Add(record);
            _total++;
            if (record.Status == 304)
            {
                _notModified++;
            }
        }
    }
}
