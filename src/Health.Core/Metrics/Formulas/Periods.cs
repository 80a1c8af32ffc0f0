using System.Globalization;

namespace Health.Core.Metrics.Formulas;

/// <summary>
/// Period arithmetic. Every instant is UTC: a <see cref="DateTime"/> of kind
/// <see cref="DateTimeKind.Utc"/> or <see cref="DateTimeKind.Unspecified"/> (read as UTC) is accepted,
/// one of kind <see cref="DateTimeKind.Local"/> is rejected with an <see cref="ArgumentException"/>.
/// Period starts are returned with kind <see cref="DateTimeKind.Utc"/>. A period is half-open:
/// it contains its start and ends just before the next period's start.
/// </summary>
public static class Periods
{
    private const string LabelFormat = "yyyy-MM-dd";

    /// <summary>
    /// The start of the period containing <paramref name="utc"/>: for <see cref="PeriodKind.Week"/> the
    /// Monday 00:00 UTC of its ISO week (so 2021-01-01, a Friday, is in the week of Monday 2020-12-28);
    /// for <see cref="PeriodKind.Month"/> the 1st of its month, 00:00 UTC.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="utc"/> is of kind Local.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static DateTime StartOf(DateTime utc, PeriodKind kind)
    {
        RequireUtc(utc, nameof(utc));
        var day = DateTime.SpecifyKind(utc.Date, DateTimeKind.Utc);
        return kind switch
        {
            // DayOfWeek counts from Sunday = 0; ISO weeks start on Monday.
            PeriodKind.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            PeriodKind.Month => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => throw UnknownKind(kind),
        };
    }

    /// <summary>
    /// The start of the period that follows the one containing <paramref name="start"/> (normally
    /// <paramref name="start"/> is itself a period start): 7 days later for a week, the 1st of the
    /// next month for a month.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="start"/> is of kind Local.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="kind"/> is not a defined value, or the next period starts after <see cref="DateTime.MaxValue"/>.
    /// </exception>
    public static DateTime Next(DateTime start, PeriodKind kind)
    {
        var current = StartOf(start, kind);
        return kind == PeriodKind.Week ? current.AddDays(7) : current.AddMonths(1);
    }

    /// <summary>
    /// The starts of every period from the one containing <paramref name="firstInstant"/> to the one
    /// containing <paramref name="lastInstant"/>, both included, in ascending order. Empty when
    /// <paramref name="firstInstant"/> is later than <paramref name="lastInstant"/>. The arguments are
    /// checked when this method is called, not when the sequence is enumerated.
    /// </summary>
    /// <exception cref="ArgumentException">An argument is of kind Local.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static IEnumerable<DateTime> Range(DateTime firstInstant, DateTime lastInstant, PeriodKind kind)
    {
        RequireUtc(firstInstant, nameof(firstInstant));
        RequireUtc(lastInstant, nameof(lastInstant));
        if (kind is not (PeriodKind.Week or PeriodKind.Month))
        {
            throw UnknownKind(kind);
        }

        // Compare ticks: both are UTC (or read as UTC), whatever their Kind flag says.
        return firstInstant.Ticks > lastInstant.Ticks
            ? []
            : Enumerate(StartOf(firstInstant, kind), StartOf(lastInstant, kind), kind);
    }

    /// <summary>The label of a period: its start's date as <c>yyyy-MM-dd</c>, in the invariant culture.</summary>
    public static string Label(DateTime start) => start.ToString(LabelFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a period name: exactly <c>week</c> or <c>month</c>, in any letter case, with no surrounding
    /// white space. On failure <paramref name="kind"/> is <see cref="PeriodKind.Week"/> (the default)
    /// and the result is false.
    /// </summary>
    public static bool TryParsePeriod(string? text, out PeriodKind kind)
    {
        if (string.Equals(text, "week", StringComparison.OrdinalIgnoreCase))
        {
            kind = PeriodKind.Week;
            return true;
        }

        if (string.Equals(text, "month", StringComparison.OrdinalIgnoreCase))
        {
            kind = PeriodKind.Month;
            return true;
        }

        kind = default;
        return false;
    }

    private static IEnumerable<DateTime> Enumerate(DateTime firstStart, DateTime lastStart, PeriodKind kind)
    {
        for (var start = firstStart; ; start = Next(start, kind))
        {
            yield return start;
            if (start >= lastStart)
            {
                // Stop before computing a Next that may lie past DateTime.MaxValue.
                yield break;
            }
        }
    }

    private static void RequireUtc(DateTime value, string parameterName)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("The instant must be UTC (kind Utc or Unspecified), not Local.", parameterName);
        }
    }

    private static ArgumentOutOfRangeException UnknownKind(PeriodKind kind) =>
        new(nameof(kind), kind, "Unknown period kind.");
}
