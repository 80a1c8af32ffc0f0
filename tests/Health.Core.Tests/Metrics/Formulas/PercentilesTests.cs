using Health.Core.Metrics.Formulas;

namespace Health.Core.Tests.Metrics.Formulas;

public class PercentilesTests
{
    [Fact]
    public void Median_OddCount_IsMiddleValue()
    {
        Assert.Equal(3.0, Percentiles.Median([1.0, 3.0, 10.0]));
    }

    [Fact]
    public void Median_EvenCount_IsMeanOfTwoMiddleValues()
    {
        // Middle values 2 and 5 → (2 + 5) / 2 = 3.5.
        Assert.Equal(3.5, Percentiles.Median([1.0, 2.0, 5.0, 100.0]));
    }

    [Fact]
    public void Median_SingleValue_IsThatValue()
    {
        Assert.Equal(7.25, Percentiles.Median([7.25]));
    }

    [Fact]
    public void Median_Empty_IsNull()
    {
        Assert.Null(Percentiles.Median(Array.Empty<double>()));
    }

    [Fact]
    public void P90_OneToTen_InterpolatesBetweenNinthAndTenth()
    {
        // n = 10, h = (10 - 1) * 0.9 = 8.1, floor h = 8 (zero-based) → x[8] = 9, x[9] = 10,
        // p90 = 9 + 0.1 * (10 - 9) = 9.1 (numpy.percentile(range(1, 11), 90) == 9.1).
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(9.1, Percentiles.P90(values)!.Value, 12);
    }

    [Fact]
    public void P90_FourValues_InterpolatesWithinGap()
    {
        // n = 4, h = 3 * 0.9 = 2.7 → x[2] = 20, x[3] = 40, p90 = 20 + 0.7 * 20 = 34.
        Assert.Equal(34.0, Percentiles.P90([0.0, 10.0, 20.0, 40.0])!.Value, 12);
    }

    [Fact]
    public void P90_TwoValues_IsNinetyPercentOfTheWay()
    {
        // n = 2, h = 0.9 → 0 + 0.9 * (10 - 0) = 9.
        Assert.Equal(9.0, Percentiles.P90([0.0, 10.0])!.Value, 12);
    }

    [Fact]
    public void P90_EqualNeighbours_IsThatValue()
    {
        Assert.Equal(5.0, Percentiles.P90([1.0, 5.0, 5.0]));
    }

    [Fact]
    public void P90_SingleValue_IsThatValue()
    {
        Assert.Equal(42.0, Percentiles.P90([42.0]));
    }

    [Fact]
    public void P90_Empty_IsNull()
    {
        Assert.Null(Percentiles.P90(Array.Empty<double>()));
    }

    [Fact]
    public void SortedOverloads_UnsortedList_Throw()
    {
        Assert.Throws<ArgumentException>(() => Percentiles.Median([3.0, 1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => Percentiles.P90([3.0, 1.0, 2.0]));
    }

    [Fact]
    public void SortedOverloads_NaN_Throw()
    {
        Assert.Throws<ArgumentException>(() => Percentiles.Median([1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => Percentiles.P90([double.NaN]));
    }

    [Fact]
    public void EnumerableOverloads_UnsortedSequence_SortACopy()
    {
        IEnumerable<double> values = new[] { 10.0, 1.0, 5.0, 2.0 }.Select(v => v);

        Assert.Equal(3.5, Percentiles.Median(values));
        // Sorted: 1, 2, 5, 10; h = 2.7 → 5 + 0.7 * 5 = 8.5.
        Assert.Equal(8.5, Percentiles.P90(values)!.Value, 12);
    }

    [Fact]
    public void EnumerableOverloads_Empty_AreNull()
    {
        Assert.Null(Percentiles.Median(Enumerable.Empty<double>()));
        Assert.Null(Percentiles.P90(Enumerable.Empty<double>()));
    }

    [Fact]
    public void EnumerableOverloads_NaN_Throw()
    {
        Assert.Throws<ArgumentException>(() => Percentiles.Median(new[] { 1.0, double.NaN }.Select(v => v)));
    }
}
