using System.Globalization;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage.Entities;

namespace Health.Web.Tests.Reports;

/// <summary>
/// The period a report covers, worked out from when it fell due (or was made, for a test report): tests that run the
/// app's real jobs run on the real clock, so their expected periods cannot be written down (a date written down breaks
/// the next week), and taking them from the report's own time holds even when a run crosses midnight on a Monday.
/// </summary>
internal static class LastComplete
{
    /// <summary>The start of the last ISO week complete when <paramref name="run"/> fell due, as <c>yyyy-MM-dd</c>.</summary>
    public static string Week(ReportRun run) => Periods.Label(Start(run, PeriodKind.Week));

    /// <summary>The last day of that week, as <c>yyyy-MM-dd</c>.</summary>
    public static string WeekEnd(ReportRun run) => Start(run, PeriodKind.Week).AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The start of the last month complete when <paramref name="run"/> fell due, as <c>yyyy-MM-dd</c>.</summary>
    public static string Month(ReportRun run) => Periods.Label(Start(run, PeriodKind.Month));

    private static DateTime Start(ReportRun run, PeriodKind kind)
    {
        var current = Periods.StartOf(run.DueAt ?? run.GeneratedAt, kind);
        return kind == PeriodKind.Week ? current.AddDays(-7) : current.AddMonths(-1);
    }
}
