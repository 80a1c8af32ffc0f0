namespace Health.Core.Metrics.Formulas;

/// <summary>Rates over counts (merge_rate, newcomer_retention_90d, newcomer_pr_merge_rate).</summary>
public static class Rates
{
    /// <summary>
    /// <paramref name="numerator"/> / <paramref name="denominator"/> as a fraction; null when the
    /// denominator is 0, so a rate over nothing is blank rather than 0 or NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Either count is negative.</exception>
    public static double? Ratio(int numerator, int denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        return denominator == 0 ? null : (double)numerator / denominator;
    }
}
