using System.Collections;

namespace Health.Core.Metrics;

/// <summary>
/// Several arrays read as one list, without copying them: a group's facts are its repositories' kept facts side by side,
/// so a pooled view allocates nothing in proportion to the group's size.
/// </summary>
internal sealed class Joined<T> : IReadOnlyList<T>
{
    private readonly T[][] _parts;
    private readonly int[] _starts;

    public Joined(IEnumerable<T[]> parts)
    {
        _parts = [.. parts];
        _starts = new int[_parts.Length];
        var count = 0;
        for (var i = 0; i < _parts.Length; i++)
        {
            _starts[i] = count;
            count += _parts[i].Length;
        }

        Count = count;
    }

    public int Count { get; }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var part = Array.BinarySearch(_starts, index);
            if (part < 0)
            {
                part = ~part - 1;
            }

            // Empty parts share their start with the next one: the last part starting at or before the index holds it.
            while (_parts[part].Length <= index - _starts[part])
            {
                part++;
            }

            return _parts[part][index - _starts[part]];
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var part in _parts)
        {
            foreach (var item in part)
            {
                yield return item;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
