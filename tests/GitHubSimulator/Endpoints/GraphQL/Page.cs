namespace GitHubSimulator;

/// <summary>
/// One page of a connection: its nodes, the cursor of each (made on demand), the total, and whether more lies
/// before or after. Every <c>*Connection</c> type resolves from this.
/// </summary>
internal sealed class Page(IReadOnlyList<object> nodes, Func<int, string> cursorAt, int totalCount, bool hasPreviousPage, bool hasNextPage)
{
    public IReadOnlyList<object> Nodes { get; } = nodes;
    public int TotalCount { get; } = totalCount;
    public bool HasPreviousPage { get; } = hasPreviousPage;
    public bool HasNextPage { get; } = hasNextPage;
    public string? StartCursor => Nodes.Count == 0 ? null : cursorAt(0);
    public string? EndCursor => Nodes.Count == 0 ? null : cursorAt(Nodes.Count - 1);

    public IEnumerable<Edge> Edges => Nodes.Select((n, i) => new Edge(cursorAt(i), n));

    /// <summary>
    /// A page of <paramref name="all"/> (in ascending order of <paramref name="idOf"/>): the <paramref name="first"/>
    /// after the item whose id the cursor <paramref name="after"/> holds.
    /// </summary>
    public static Page OfList<T>(IReadOnlyList<T> all, int first, string? after, Func<T, long> idOf, Func<T, object> wrap)
    {
        int start = 0;
        if (after is not null)
        {
            long id = Cursors.Single(after);
            int lo = 0;
            int hi = all.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (idOf(all[mid]) <= id)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            start = lo;
        }

        int count = Math.Clamp(all.Count - start, 0, Math.Max(0, first));
        var nodes = new object[count];
        for (int i = 0; i < count; i++)
        {
            nodes[i] = wrap(all[start + i]);
        }

        return new Page(nodes, i => Cursors.Of(idOf(all[start + i])), all.Count, start > 0, start + count < all.Count);
    }

    /// <summary>
    /// A page of a repository's sorted index read ascending or descending: the <paramref name="first"/> after the
    /// (sort key, id) the cursor holds, so a page follows on from the last item seen even when items moved meanwhile.
    /// </summary>
    public static Page OfIndex<T>(SortedIndex<T> index, bool descending, int first, string? after, Func<T, long> idOf, Func<T, object> wrap)
        where T : class
    {
        int total = index.Count;
        int start;
        if (after is null)
        {
            start = descending ? total - 1 : 0;
        }
        else
        {
            (long key, long id) = Cursors.Pair(after);
            start = descending ? index.LowerBound(key, id) - 1 : index.UpperBound(key, id);
        }

        int available = descending ? start + 1 : total - start;
        int count = Math.Clamp(available, 0, Math.Max(0, first));
        var nodes = new object[count];
        var keys = new long[count];
        var ids = new long[count];
        for (int i = 0; i < count; i++)
        {
            int rank = descending ? start - i : start + i;
            T item = index[rank];
            nodes[i] = wrap(item);
            keys[i] = index.KeyAt(rank);
            ids[i] = idOf(item);
        }

        bool hasPrevious = descending ? start < total - 1 : start > 0;
        return new Page(nodes, i => Cursors.Of(keys[i], ids[i]), total, hasPrevious, count < available);
    }
}

/// <summary>An edge of a connection: a node and its cursor.</summary>
internal sealed record Edge(string Cursor, object Node);
