using System.Globalization;

namespace Health.Core.Metrics.Formulas;

/// <summary>
/// The dates and sizes a requested range may have (exports, chart CSVs, page filters): GitHub's history starts in 2008, and a
/// plan a year ahead is the furthest anyone asks; beyond <see cref="MaxPeriods"/> periods a request is refused, so that no
/// request, anonymous or not, can ask for unbounded work.
/// </summary>
public static class RangeLimits
{
    public const int MaxPeriods = 1000;

    public static readonly DateOnly Earliest = new(2008, 1, 1);

    /// <summary>The latest date a range may name: a year after <paramref name="today"/>.</summary>
    public static DateOnly Latest(DateOnly today) => today.AddYears(1);

    /// <summary>Whether <paramref name="date"/> may be named, else a phrase saying which dates may, e.g. for an error line.</summary>
    public static bool Allows(DateOnly date, DateOnly today) => date >= Earliest && date <= Latest(today);

    /// <summary>"between 2008-01-01 and 2027-12-08".</summary>
    public static string Describe(DateOnly today) => $"between {Text(Earliest)} and {Text(Latest(today))} (a year after today)";

    /// <summary>How many periods of <paramref name="kind"/> the range touches, counted up to <see cref="MaxPeriods"/> + 1 at most.</summary>
    public static int CountPeriods(DateOnly from, DateOnly to, PeriodKind kind) =>
        from > to ? 0 : Periods.Range(Day(from), Day(to), kind).Take(MaxPeriods + 1).Count();

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
