using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// The page size of a GraphQL pass. A pass over a stream already known (it has a watermark) usually finds a handful of
/// changed items, so it starts small and doubles page by page up to the configured size; a page GitHub finds too heavy
/// halves it, and it grows no more in that pass.
/// </summary>
internal sealed class PageSize(int configured)
{
    private const int IncrementalStart = 10;
    private bool _capped;

    public int Current { get; private set; } = Math.Max(1, configured);

    public void Begin(SyncCursor cursor) => Current = cursor.Watermark is null ? configured : Math.Min(configured, IncrementalStart);

    /// <summary>After a page that was not too heavy: the next may be larger.</summary>
    public void Grow()
    {
        if (!_capped)
        {
            Current = Math.Min(configured, Current * 2);
        }
    }

    /// <summary>Asks for half as many; false when one is already the least.</summary>
    public bool Halve()
    {
        _capped = true;
        if (Current <= 1)
        {
            return false;
        }

        Current = Math.Max(1, Current / 2);
        return true;
    }

    /// <summary>Pages a pass of <paramref name="total"/> items takes at the current size (for progress).</summary>
    public int? Pages(int? total) => total is { } t ? Math.Max(1, (int)Math.Ceiling(t / (double)Current)) : null;
}
