namespace GitHubSimulator;

/// <summary>
/// Items kept sorted by (key, id) ascending in an array: O(1) access by rank, O(log n) lower bound, and
/// O(n) memmove for the rare insert or remove that a mutation causes.
/// </summary>
internal sealed class SortedIndex<T>
    where T : class
{
    private Entry[] _items;
    private int _count;

    public SortedIndex(int capacity = 16) => _items = new Entry[Math.Max(capacity, 4)];

    public int Count => _count;

    public T this[int rank] => _items[rank].Item;

    public long KeyAt(int rank) => _items[rank].Key;

    /// <summary>Appends without keeping order; call <see cref="Sort"/> once all are in.</summary>
    public void AddUnsorted(long key, long id, T item)
    {
        Grow();
        _items[_count++] = new Entry(key, id, item);
    }

    public void Sort() => _items.AsSpan(0, _count).Sort(static (a, b) => Compare(a.Key, a.Id, b.Key, b.Id));

    public void Insert(long key, long id, T item)
    {
        Grow();
        int pos = _count;
        if (_count > 0 && Compare(_items[_count - 1].Key, _items[_count - 1].Id, key, id) > 0)
        {
            pos = UpperBound(key, id);
            Array.Copy(_items, pos, _items, pos + 1, _count - pos);
        }

        _items[pos] = new Entry(key, id, item);
        _count++;
    }

    /// <summary>Removes the entry of <paramref name="item"/> filed under (key, id); false when it is not there.</summary>
    public bool Remove(long key, long id, T item)
    {
        for (int pos = LowerBound(key, id); pos < _count && _items[pos].Key == key && _items[pos].Id == id; pos++)
        {
            if (ReferenceEquals(_items[pos].Item, item))
            {
                Array.Copy(_items, pos + 1, _items, pos, _count - pos - 1);
                _count--;
                _items[_count] = default;
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves an item from one key to another; does nothing when the item was not indexed.</summary>
    public void Move(long oldKey, long newKey, long id, T item)
    {
        if (oldKey != newKey && Remove(oldKey, id, item))
        {
            Insert(newKey, id, item);
        }
    }

    /// <summary>The rank of the first entry whose key is at least <paramref name="key"/>.</summary>
    public int LowerBound(long key) => LowerBound(key, long.MinValue);

    /// <summary>The rank of the first entry at or after (key, id).</summary>
    public int LowerBound(long key, long id)
    {
        int lo = 0;
        int hi = _count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Compare(_items[mid].Key, _items[mid].Id, key, id) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The rank of the first entry after (key, id).</summary>
    public int UpperBound(long key, long id)
    {
        int lo = 0;
        int hi = _count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Compare(_items[mid].Key, _items[mid].Id, key, id) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void Grow()
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
    }

    private static int Compare(long keyA, long idA, long keyB, long idB)
    {
        int c = keyA.CompareTo(keyB);
        return c != 0 ? c : idA.CompareTo(idB);
    }

    private readonly record struct Entry(long Key, long Id, T Item);
}
