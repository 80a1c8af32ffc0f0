using System.Globalization;
using Health.Core.Metrics.Formulas;

namespace Health.Web.Components.Pages.Repository;

/// <summary>
/// The filters of the repository page, read from its query string (<c>period=week|month</c>, <c>from</c> and
/// <c>to</c> as <c>yyyy-MM-dd</c>, <c>bots=true</c>). A value that cannot be used is replaced by its default and
/// named in <see cref="Problems"/>. Defaults: months; the last 12 complete months plus the current one (weeks: the
/// last 26 complete weeks plus the current one), to today (UTC); bots off.
/// </summary>
public sealed record RepositoryView(PeriodKind Period, DateOnly From, DateOnly To, bool Bots, IReadOnlyList<string> Problems)
{
    /// <summary>The most periods one view shows; a longer range starts later.</summary>
    public const int MaxPeriods = 520;

    private const string DateFormat = "yyyy-MM-dd";

    public static RepositoryView Parse(string? period, string? from, string? to, string? bots, DateTime now)
    {
        var problems = new List<string>();
        var kind = PeriodKind.Month;
        if (!string.IsNullOrEmpty(period) && !Periods.TryParsePeriod(period, out kind))
        {
            kind = PeriodKind.Month;
            problems.Add($"period: '{period}' is not week or month; showing months, the default.");
        }

        var (defaultFrom, defaultTo) = DefaultRange(kind, now);
        var today = DateOnly.FromDateTime(now);
        var start = Date(from, "from", defaultFrom, today, problems);
        var end = Date(to, "to", defaultTo, today, problems);
        if (start > end)
        {
            problems.Add($"from ({Text(start)}) is after to ({Text(end)}); showing the default range, {Text(defaultFrom)} to {Text(defaultTo)}.");
            (start, end) = (defaultFrom, defaultTo);
        }

        var count = Periods.Range(Day(start), Day(end), kind).Take(MaxPeriods + 1).Count();
        if (count > MaxPeriods)
        {
            var last = Periods.StartOf(Day(end), kind);
            var first = DateOnly.FromDateTime(kind == PeriodKind.Week ? last.AddDays(-7 * (MaxPeriods - 1)) : last.AddMonths(-(MaxPeriods - 1)));
            problems.Add($"from: {Text(start)} to {Text(end)} holds more than {MaxPeriods} {Unit(kind)}s; showing the last {MaxPeriods}, from {Text(first)}.");
            start = first;
        }

        var includeBots = false;
        if (!string.IsNullOrEmpty(bots) && !bool.TryParse(bots, out includeBots))
        {
            problems.Add($"bots: '{bots}' is not true or false; bot-authored PRs and issues are not shown, the default.");
        }

        return new RepositoryView(kind, start, end, includeBots, problems);
    }

    /// <summary>The default range: the last 12 complete months plus the current one, or the last 26 complete weeks plus the current one; to today.</summary>
    public static (DateOnly From, DateOnly To) DefaultRange(PeriodKind kind, DateTime now)
    {
        var current = Periods.StartOf(now, kind);
        var first = kind == PeriodKind.Week ? current.AddDays(-7 * 26) : current.AddMonths(-12);
        return (DateOnly.FromDateTime(first), DateOnly.FromDateTime(now));
    }

    /// <summary>
    /// The range a filter form shows after its period is switched to <paramref name="kind"/>: still the other period's
    /// default range, it moves to this one's; a range someone chose stays.
    /// </summary>
    public static (DateOnly From, DateOnly To) RangeAfterSwitch(PeriodKind kind, DateOnly from, DateOnly to, DateTime now)
    {
        var other = kind == PeriodKind.Week ? PeriodKind.Month : PeriodKind.Week;
        return (from, to) == DefaultRange(other, now) ? DefaultRange(kind, now) : (from, to);
    }

    /// <summary>The name of one period, for sentences: week or month.</summary>
    public static string Unit(PeriodKind kind) => kind == PeriodKind.Week ? "week" : "month";

    private static DateOnly Date(string? text, string name, DateOnly fallback, DateOnly today, List<string> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && RangeLimits.Allows(date, today))
        {
            return date;
        }

        problems.Add($"{name}: '{text}' is not a date as yyyy-MM-dd {RangeLimits.Describe(today)}; showing {Text(fallback)}, the default.");
        return fallback;
    }

    private static DateTime Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static string Text(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);
}
