namespace Health.Core.Metrics.Formulas;

/// <summary>Durations in hours, the unit of every duration METRICS.md reports.</summary>
public static class Hours
{
    /// <summary>
    /// The hours from <paramref name="from"/> to <paramref name="to"/> as a decimal number,
    /// <c>(to - from).TotalHours</c>; negative when <paramref name="to"/> is earlier. Both are UTC.
    /// </summary>
    public static double Between(DateTime from, DateTime to) => (to - from).TotalHours;
}
