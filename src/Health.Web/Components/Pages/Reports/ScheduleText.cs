using System.Globalization;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage.Entities;

namespace Health.Web.Components.Pages.Reports;

/// <summary>How the reports page describes a schedule's cadence in words.</summary>
public static class ScheduleText
{
    /// <summary>"Mondays at 08:00 (Europe/Berlin)", "Day 1 of each month at 08:00 (UTC)", "Cron '*/5 * * * *' (UTC)".</summary>
    public static string Cadence(ReportSchedule schedule)
    {
        var input = ReportScheduleInput.From(schedule);
        var when = schedule.Cadence switch
        {
            ReportCadence.Weekly => $"{input.Weekday}s at {input.Time}",
            ReportCadence.Monthly => string.Create(CultureInfo.InvariantCulture, $"Day {input.DayOfMonth} of each month at {input.Time}"),
            _ => $"Cron '{schedule.Cron}'",
        };
        return $"{when} ({schedule.TimeZone})";
    }

    public static DateTime? NextDue(ReportSchedule schedule, DateTime nowUtc) => ReportDue.Next(schedule, nowUtc);
}
