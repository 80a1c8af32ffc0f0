using System.Globalization;
using Health.Core.Metrics.Formulas;

namespace Health.Core.Reports.Content;

/// <summary>Which periods a report covers, by METRICS.md's periods (ISO weeks and calendar months in UTC).</summary>
public static class ReportPeriods
{
    /// <summary>The start of the last period that is complete at <paramref name="instantUtc"/> (it ends at or before it).</summary>
    public static DateTime LastCompleteBefore(DateTime instantUtc, PeriodKind kind) => Previous(Periods.StartOf(instantUtc, kind), kind);

    /// <summary>The start of the period before the one starting at <paramref name="start"/>.</summary>
    public static DateTime Previous(DateTime start, PeriodKind kind)
    {
        var current = Periods.StartOf(start, kind);
        return kind == PeriodKind.Week ? current.AddDays(-7) : current.AddMonths(-1);
    }

    /// <summary>
    /// The newcomer cohort whose 90 days have just completed: the latest period that ended at least 90 days before the
    /// reported period's end. Consecutive reports name consecutive cohorts.
    /// </summary>
    public static DateTime RetentionCohort(DateTime periodStart, PeriodKind kind)
    {
        var limit = Periods.Next(periodStart, kind) - Retention.Window;
        return Previous(Periods.StartOf(limit, kind), kind);
    }

    /// <summary>"week of 2026-10-19 to 2026-10-25" or "October 2026".</summary>
    public static string Describe(DateTime periodStart, PeriodKind kind) => kind == PeriodKind.Week
        ? $"week of {Periods.Label(periodStart)} to {Periods.Label(Periods.Next(periodStart, kind).AddDays(-1))}"
        : periodStart.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"week" or "month", as the CLI and the file names say it.</summary>
    public static string Name(PeriodKind kind) => kind == PeriodKind.Week ? "week" : "month";
}
