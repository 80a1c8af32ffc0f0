using System.Globalization;
using Health.Core.Metrics.Formulas;

namespace Health.Web.Tests.Reports;

/// <summary>
/// The period a report made now covers: tests that run the app's real jobs run on the real clock, so their expected
/// periods are worked out from today rather than written down (a date written down breaks the next week).
/// </summary>
internal static class LastComplete
{
    /// <summary>The start of the last complete ISO week, as <c>yyyy-MM-dd</c>.</summary>
    public static string Week => Label(PeriodKind.Week);

    /// <summary>The last day of the last complete ISO week, as <c>yyyy-MM-dd</c>.</summary>
    public static string WeekEnd => Start(PeriodKind.Week).AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The start of the last complete month, as <c>yyyy-MM-dd</c>.</summary>
    public static string Month => Label(PeriodKind.Month);

    private static DateTime Start(PeriodKind kind)
    {
        var current = Periods.StartOf(DateTime.UtcNow, kind);
        return kind == PeriodKind.Week ? current.AddDays(-7) : current.AddMonths(-1);
    }

    private static string Label(PeriodKind kind) => Periods.Label(Start(kind));
}
