using System.Globalization;
using Health.Core.Metrics.Formulas;

namespace Health.Core.Tests.Metrics.Formulas;

public class CsvNumbersTests
{
    [Theory]
    [InlineData(0.125, "0.13")]   // exact binary midpoint, rounded away from zero
    [InlineData(0.135, "0.14")]   // binary 0.13500000000000000888…; the decimal value 0.135 rounds up
    [InlineData(2.005, "2.01")]   // binary 2.00499999999999989…; the decimal value 2.005 rounds up
    [InlineData(-0.0001, "0.00")] // negative zero prints without its sign
    [InlineData(-0.125, "-0.13")]
    [InlineData(0.0, "0.00")]
    [InlineData(12.5, "12.50")]
    [InlineData(1234567.891, "1234567.89")]
    public void Hours_Value_HasTwoDecimals(double hours, string expected)
    {
        Assert.Equal(expected, CsvNumbers.Hours(hours));
    }

    [Fact]
    public void Hours_NegativeZero_HasNoSign()
    {
        Assert.Equal("0.00", CsvNumbers.Hours(-0.0));
        Assert.Equal("0.0000", CsvNumbers.Rate(-0.0));
    }

    [Fact]
    public void Hours_Null_IsBlank()
    {
        Assert.Equal("", CsvNumbers.Hours(null));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Hours_NotFinite_Throws(double hours)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvNumbers.Hours(hours));
    }

    [Theory]
    [InlineData(2.0 / 3.0, "0.6667")]
    [InlineData(0.00005, "0.0001")]
    [InlineData(-0.00001, "0.0000")]
    [InlineData(1.0, "1.0000")]
    [InlineData(0.0, "0.0000")]
    public void Rate_Value_HasFourDecimals(double rate, string expected)
    {
        Assert.Equal(expected, CsvNumbers.Rate(rate));
    }

    [Fact]
    public void Rate_Null_IsBlank()
    {
        Assert.Equal("", CsvNumbers.Rate(null));
    }

    [Fact]
    public void Count_Value_IsPlainInteger()
    {
        Assert.Equal("1234567", CsvNumbers.Count(1234567));
        Assert.Equal("0", CsvNumbers.Count(0));
    }

    [Fact]
    public void Formatting_UnderCommaDecimalCulture_UsesPoint()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            Assert.Equal("1234.50", CsvNumbers.Hours(1234.5));
            Assert.Equal("0.5000", CsvNumbers.Rate(0.5));
            Assert.Equal("1234567", CsvNumbers.Count(1234567));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
