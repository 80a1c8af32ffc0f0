namespace Health.Core.GitHub.Sync;

/// <summary>
/// A sync's time budget (one slice of a backfill). When it is spent, <see cref="WindDown"/> is cancelled: each stream stops
/// after the page it is saving. At twice the budget the sync is cut outright (<see cref="Token"/>), as a backstop for a page
/// stuck in retries or waits, but only once the slice has saved a page. A page that takes longer than that to read (a slow
/// GitHub, a page of pull requests with many reviews) is finished, or ends on its own bounds (request timeout, retries,
/// rate-limit wait): a slice cut before its first page would leave the next slice to be cut at the same page, for ever.
/// Without a budget, nothing winds down and only <c>ct</c> cuts.
/// </summary>
internal sealed class SliceBudget : IDisposable
{
    private readonly CancellationTokenSource _windDown;
    private readonly CancellationTokenSource _cut;
    private readonly ITimer? _backstop;
    private int _pagesSaved;
    private int _overdue;

    public SliceBudget(TimeSpan? budget, TimeProvider time, CancellationToken ct)
    {
        _cut = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (budget is { } limit)
        {
            _windDown = new CancellationTokenSource(limit, time);
            _backstop = time.CreateTimer(_ => Overdue(), null, limit * 2, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _windDown = new CancellationTokenSource();
        }
    }

    /// <summary>Cancelled when the budget is spent: streams stop at their next page boundary.</summary>
    public CancellationToken WindDown => _windDown.Token;

    /// <summary>The sync's token: cancelled by the caller's, or by the backstop.</summary>
    public CancellationToken Token => _cut.Token;

    /// <summary>Whether the backstop (or the caller) cut the sync.</summary>
    public bool IsCut => _cut.IsCancellationRequested;

    /// <summary>A stream committed a page: the slice has moved the sync on, so the backstop may cut it from now on.</summary>
    public void PageSaved()
    {
        Interlocked.Increment(ref _pagesSaved);
        if (Volatile.Read(ref _overdue) == 1)
        {
            CutNow();
        }
    }

    public void Dispose()
    {
        _backstop?.Dispose();
        _windDown.Dispose();
        _cut.Dispose();
    }

    private void Overdue()
    {
        Volatile.Write(ref _overdue, 1);
        if (Volatile.Read(ref _pagesSaved) > 0)
        {
            CutNow();
        }
    }

    private void CutNow()
    {
        try
        {
            // Not inline: the page that reported itself saved goes on to its progress line while the sync unwinds.
            _ = _cut.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The sync has ended already.
        }
    }
}
