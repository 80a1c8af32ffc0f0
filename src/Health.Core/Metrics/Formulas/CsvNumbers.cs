using System.Globalization;

namespace Health.Core.Metrics.Formulas;

/// <summary>
/// How numbers are written in the metrics CSV: invariant culture (<c>.</c> as decimal separator, no
/// group separator) whatever the machine's culture, and blank for a value over an empty set.
/// </summary>
/// <remarks>
/// Rounding is half away from zero on the decimal value: the double is first converted to
/// <see cref="decimal"/> (which keeps its 15 significant digits, so 2.005, stored in binary as
/// 2.00499999…, becomes 2.005) and then rounded with <see cref="MidpointRounding.AwayFromZero"/>.
/// That gives what a reader of the number expects: 0.125 → "0.13", 0.135 → "0.14", 2.005 → "2.01".
/// A value that rounds to zero is written without a sign: -0.0001 → "0.00".
/// </remarks>
public static class CsvNumbers
{
    /// <summary>Hours with 2 decimals (e.g. "12.50"); "" for null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    /// <exception cref="OverflowException">The value is outside the range of <see cref="decimal"/>.</exception>
    public static string Hours(double? h) => Fixed(h, 2, "0.00");

    /// <summary>A rate (a fraction from 0 to 1) with 4 decimals (e.g. "0.6667"); "" for null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    /// <exception cref="OverflowException">The value is outside the range of <see cref="decimal"/>.</exception>
    public static string Rate(double? r) => Fixed(r, 4, "0.0000");

    /// <summary>A count as an integer in the invariant culture (e.g. "1234", never "1,234").</summary>
    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double? value, int decimals, string format)
    {
        if (value is not { } x)
        {
            return "";
        }

        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(value), x, "A CSV number must be finite.");
        }

        var rounded = System.Math.Round((decimal)x, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0m)
        {
            // Drop the sign of a negative zero (-0.0001 rounds to -0.00).
            rounded = 0m;
        }

        return rounded.ToString(format, CultureInfo.InvariantCulture);
    }
}
