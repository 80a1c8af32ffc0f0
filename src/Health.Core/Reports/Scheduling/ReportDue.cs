using Health.Core.Reports.Content;
using Health.Core.Storage.Entities;
using Health.Core.Tracking;

namespace Health.Core.Reports.Scheduling;

/// <summary>When a schedule falls due (its cron expression read in its time zone, by Cronos) and which period that due time reports.</summary>
public static class ReportDue
{
    // Searched backwards in growing windows: a minutely schedule is found in the first, a yearly one (29 February) in the last.
    private static readonly TimeSpan[] Windows = [TimeSpan.FromHours(2), TimeSpan.FromDays(2), TimeSpan.FromDays(40), TimeSpan.FromDays(400), TimeSpan.FromDays(5 * 366)];

    /// <summary>The most recent due time at or before <paramref name="nowUtc"/> (UTC); null when it never fell due or the schedule is invalid.</summary>
    public static DateTime? Latest(ReportSchedule schedule, DateTime nowUtc)
    {
        if (!Schedules.TryParseCron(schedule.Cron, out var cron, out _) || !Schedules.TryFindTimeZone(schedule.TimeZone, out var zone, out _))
        {
            return null;
        }

        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        foreach (var window in Windows)
        {
            var from = now - window;
            if (cron.GetOccurrences(from, now, zone, fromInclusive: true, toInclusive: true).LastOrDefault() is var last && last != default)
            {
                return last;
            }
        }

        return null;
    }

    /// <summary>The next due time after <paramref name="nowUtc"/>, for the page.</summary>
    public static DateTime? Next(ReportSchedule schedule, DateTime nowUtc) => Schedules.Next(schedule.Cron, schedule.TimeZone, nowUtc);

    /// <summary>The period a report due at <paramref name="dueUtc"/> covers: the last complete ISO week or calendar month (UTC) before it.</summary>
    public static DateTime PeriodOf(ReportSchedule schedule, DateTime dueUtc) => ReportPeriods.LastCompleteBefore(dueUtc, schedule.Period);
}
