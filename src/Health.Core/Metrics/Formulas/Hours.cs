namespace Health.Core.Metrics.Formulas;

/// <summary>Durations in hours, the unit of every duration METRICS.md reports.</summary>
public static class Hours
{
    /// <summary>
    /// The hours from <paramref name="from"/> to <paramref name="to"/> as a decimal number,
    /// <c>(to - from).TotalHours</c>; negative when <paramref name="to"/> is earlier. Both are UTC.
    /// </summary>
    public static double Between(DateTime from, DateTime to) => (to - from).TotalHours;

    /// <summary>
    /// How long an item waited, from <paramref name="from"/> (its creation) to <paramref name="to"/> (its first response or
    /// review, its merge, its close): <see cref="Between"/>, never below zero. GitHub can stamp an answer a moment before the
    /// item it answers (clocks apart); that is no wait, not a negative one. Every duration the metrics report goes through here.
    /// </summary>
    public static double Waited(DateTime from, DateTime to) => Math.Max(0, Between(from, to));
}
