using Health.Core.Metrics.Formulas;

namespace Health.Core.Tests.Metrics.Formulas;

public class RatesTests
{
    [Fact]
    public void Ratio_ZeroDenominator_IsNull()
    {
        Assert.Null(Rates.Ratio(0, 0));
    }

    [Fact]
    public void Ratio_Counts_IsFraction()
    {
        Assert.Equal(0.75, Rates.Ratio(3, 4));
        Assert.Equal(0.0, Rates.Ratio(0, 5));
        Assert.Equal(1.0, Rates.Ratio(5, 5));
    }

    [Fact]
    public void Ratio_NegativeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Rates.Ratio(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rates.Ratio(1, -2));
    }
}
