using System.Globalization;
using Health.Core.Metrics.Formulas;

namespace Health.Web.Components.Pages.Repository;

/// <summary>
/// The filters of the repository page, read from its query string (<c>period=week|month</c>, <c>from</c> and
/// <c>to</c> as <c>yyyy-MM-dd</c>, <c>bots=true</c>). A value that cannot be used is replaced by its default and
/// named in <see cref="Problems"/>. Defaults: months; the last 12 complete months plus the current one (weeks: the
/// last 26 complete weeks plus the current one), to today (UTC); bots off. A repository quiet since before last month
/// (an archived project) opens instead on the 12 months (26 weeks) up to its last activity, and says so
/// (<see cref="QuietSince"/>); a range named in the URL is always kept.
/// </summary>
public sealed record RepositoryView(PeriodKind Period, DateOnly From, DateOnly To, bool Bots, IReadOnlyList<string> Problems)
{
    /// <summary>The last activity, when the default range was moved to end at it (the repository has been quiet since).</summary>
    public DateTime? QuietSince { get; init; }

    /// <summary>The most periods one view shows; a longer range starts later.</summary>
    public const int MaxPeriods = 520;

    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The view the query string asks for; <paramref name="lastActivity"/> (if known) moves the default range of a quiet repository.</summary>
    public static RepositoryView Parse(string? period, string? from, string? to, string? bots, DateTime now, DateTime? lastActivity = null)
    {
        var problems = new List<string>();
        var kind = PeriodKind.Month;
        if (!string.IsNullOrEmpty(period) && !Periods.TryParsePeriod(period, out kind))
        {
            kind = PeriodKind.Month;
            problems.Add($"period: '{period}' is not week or month; showing months, the default.");
        }

        var named = !string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(to);
        var quiet = named ? null : Quiet(lastActivity, now);
        var (defaultFrom, defaultTo) = DefaultRange(kind, now, quiet);
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

        return new RepositoryView(kind, start, end, includeBots, problems) { QuietSince = quiet };
    }

    /// <summary>
    /// The default range: the last 12 complete months plus the current one, or the last 26 complete weeks plus the current
    /// one; to today. For a repository quiet since <paramref name="lastActivity"/> (see <see cref="Quiet"/>): the 12 months
    /// or 26 weeks that end with the one of its last activity.
    /// </summary>
    public static (DateOnly From, DateOnly To) DefaultRange(PeriodKind kind, DateTime now, DateTime? lastActivity = null)
    {
        if (Quiet(lastActivity, now) is { } last)
        {
            var lastPeriod = Periods.StartOf(last, kind);
            var start = kind == PeriodKind.Week ? lastPeriod.AddDays(-7 * 25) : lastPeriod.AddMonths(-11);
            return (DateOnly.FromDateTime(start), DateOnly.FromDateTime(Periods.Next(lastPeriod, kind).AddDays(-1)));
        }

        var current = Periods.StartOf(now, kind);
        var first = kind == PeriodKind.Week ? current.AddDays(-7 * 26) : current.AddMonths(-12);
        return (DateOnly.FromDateTime(first), DateOnly.FromDateTime(now));
    }

    /// <summary>
    /// <paramref name="lastActivity"/> when it means the repository is quiet: nothing happened in the last complete month
    /// or this one, so the last 12 months would be (nearly) empty charts. Null otherwise.
    /// </summary>
    public static DateTime? Quiet(DateTime? lastActivity, DateTime now) =>
        lastActivity is { } last && last < Periods.StartOf(now, PeriodKind.Month).AddMonths(-1) ? last : null;

    /// <summary>What the page says when the range was moved to a quiet repository's last activity, or null.</summary>
    public string? QuietNote => QuietSince is { } last
        ? $"No activity since {last.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}: showing the {(Period == PeriodKind.Week ? "26 weeks" : "12 months")} up to then."
        : null;

    /// <summary>This view over the usual default range, to today (what a quiet repository's page links to).</summary>
    public RepositoryView ToToday(DateTime now)
    {
        var (from, to) = DefaultRange(Period, now);
        return this with { From = from, To = to, Problems = [], QuietSince = null };
    }

    /// <summary>The words of the link to <see cref="ToToday"/>.</summary>
    public string ToTodayText => Period == PeriodKind.Week ? "Show the last 26 weeks instead" : "Show the last 12 months instead";

    /// <summary>
    /// The range a filter form shows after its period is switched to <paramref name="kind"/>: still the other period's
    /// default range, it moves to this one's; a range someone chose stays.
    /// </summary>
    public static (DateOnly From, DateOnly To) RangeAfterSwitch(PeriodKind kind, DateOnly from, DateOnly to, DateTime now, DateTime? lastActivity = null)
    {
        var other = kind == PeriodKind.Week ? PeriodKind.Month : PeriodKind.Week;
        return (from, to) == DefaultRange(other, now, lastActivity) ? DefaultRange(kind, now, lastActivity) : (from, to);
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
