namespace Health.Core.Metrics.Formulas;

/// <summary>
/// Median and 90th percentile as METRICS.md defines them. Each returns null for an empty input, so
/// that a value over an empty set is blank, never 0 or NaN.
/// </summary>
/// <remarks>
/// The <see cref="IReadOnlyList{T}"/> overloads take values already sorted ascending and check it
/// (O(n)): an unsorted list, or one holding NaN, throws <see cref="ArgumentException"/> rather than
/// giving a silently wrong figure. Note that C# picks those overloads for any array or list; only a
/// sequence that is not an <see cref="IReadOnlyList{T}"/> (a LINQ query, a set) reaches the
/// <see cref="IEnumerable{T}"/> overloads, which sort a copy. To pass an unsorted list, sort it first.
/// </remarks>
public static class Percentiles
{
    /// <summary>
    /// The median of values sorted ascending: the middle value for an odd count, the mean of the two
    /// middle values for an even count; null when there are none.
    /// </summary>
    /// <exception cref="ArgumentException">The values are not sorted ascending, or one is NaN.</exception>
    public static double? Median(IReadOnlyList<double> sortedValues)
    {
        RequireSorted(sortedValues);
        var n = sortedValues.Count;
        if (n == 0)
        {
            return null;
        }

        var middle = n / 2;
        return n % 2 == 1
            ? sortedValues[middle]
            : (sortedValues[middle - 1] + sortedValues[middle]) / 2;
    }

    /// <summary>
    /// The 90th percentile of values sorted ascending, by linear interpolation between closest ranks
    /// (Hyndman–Fan type 7, numpy's default): h = (n-1)*0.9, p90 = x[floor h] + (h - floor h) *
    /// (x[floor h + 1] - x[floor h]), zero-based. A single value is its own p90; null when there are none.
    /// </summary>
    /// <exception cref="ArgumentException">The values are not sorted ascending, or one is NaN.</exception>
    public static double? P90(IReadOnlyList<double> sortedValues)
    {
        RequireSorted(sortedValues);
        var n = sortedValues.Count;
        if (n == 0)
        {
            return null;
        }

        var h = (n - 1) * 0.9;
        var lower = (int)System.Math.Floor(h);
        if (lower >= n - 1)
        {
            return sortedValues[n - 1];
        }

        var fraction = h - lower;
        return sortedValues[lower] + (fraction * (sortedValues[lower + 1] - sortedValues[lower]));
    }

    /// <summary>The median (see <see cref="Median(IReadOnlyList{double})"/>) of values in any order; a sorted copy is used.</summary>
    /// <exception cref="ArgumentException">A value is NaN.</exception>
    public static double? Median(IEnumerable<double> values) => Median(SortedCopy(values));

    /// <summary>The p90 (see <see cref="P90(IReadOnlyList{double})"/>) of values in any order; a sorted copy is used.</summary>
    /// <exception cref="ArgumentException">A value is NaN.</exception>
    public static double? P90(IEnumerable<double> values) => P90(SortedCopy(values));

    private static double[] SortedCopy(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = values.ToArray();
        Array.Sort(copy);
        return copy;
    }

    private static void RequireSorted(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsNaN(values[i]))
            {
                throw new ArgumentException("The values must not contain NaN.", nameof(values));
            }

            if (i > 0 && values[i] < values[i - 1])
            {
                throw new ArgumentException("The values must be sorted ascending.", nameof(values));
            }
        }
    }
}
