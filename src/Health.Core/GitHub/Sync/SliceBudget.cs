namespace Health.Core.GitHub.Sync;

/// <summary>
/// A sync's time budget (one slice of a backfill). When it is spent, <see cref="WindDown"/> is cancelled: each stream stops
/// after the page it is saving. At twice the budget the sync is cut outright (<see cref="Token"/>), as a backstop for a page
/// stuck in retries or waits, but not while a stream under way has yet to save its first page of the slice: that page is
/// finished, or ends on its own bounds (request timeout, retries, rate-limit wait). A page slower to read than twice the
/// budget (a slow GitHub, a page of pull requests with their reviews) would otherwise be cut in every slice, and its stream
/// would never move on, however many pages the other lane saved meanwhile. Without a budget nothing winds down, and only
/// the caller's token cuts.
/// </summary>
internal sealed class SliceBudget : IDisposable
{
    private readonly CancellationTokenSource _windDown;
    private readonly CancellationTokenSource _cut;
    private readonly ITimer? _backstop;
    private int _awaitingFirstPage;
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

    /// <summary>A stream starts its pass: the backstop waits for its first saved page (or its end), whichever comes first.</summary>
    public StreamSlice Begin()
    {
        Interlocked.Increment(ref _awaitingFirstPage);
        return new StreamSlice(this);
    }

    public void Dispose()
    {
        _backstop?.Dispose();
        _windDown.Dispose();
        _cut.Dispose();
    }

    private void Settled()
    {
        if (Interlocked.Decrement(ref _awaitingFirstPage) == 0 && Volatile.Read(ref _overdue) == 1)
        {
            CutNow();
        }
    }

    private void Overdue()
    {
        Interlocked.Exchange(ref _overdue, 1);
        if (Volatile.Read(ref _awaitingFirstPage) == 0)
        {
            CutNow();
        }
    }

    private void CutNow()
    {
        try
        {
            // Not inline: the stream that just saved its page goes on to its progress line while the sync unwinds.
            _ = _cut.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The sync has ended already.
        }
    }

    /// <summary>One stream's part in the slice: settled by its first saved page, or by its end (disposal).</summary>
    internal sealed class StreamSlice(SliceBudget budget) : IDisposable
    {
        private int _settled;

        /// <summary>The stream committed a page: from now on the backstop may cut it.</summary>
        public void PageSaved() => Settle();

        public void Dispose() => Settle();

        private void Settle()
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                budget.Settled();
            }
        }
    }
}
