using Hangfire;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage.Entities;
using Health.Core.Tracking;

namespace Health.Web.Jobs;

/// <summary>The one place report jobs are registered: one recurring job per report schedule, read in its time zone.</summary>
internal sealed class HangfireReportScheduler(IRecurringJobManager recurring, IBackgroundJobClient jobs) : IReportScheduler
{
    public const string Prefix = "report-schedule-";

    public static string RecurringId(int scheduleId) => $"{Prefix}{scheduleId}";

    public void Schedule(ReportSchedule schedule)
    {
        if (!Schedules.TryParseCron(schedule.Cron, out _, out _) || !Schedules.TryFindTimeZone(schedule.TimeZone, out var zone, out _))
        {
            Unschedule(schedule.Id);
            return;
        }

        var id = schedule.Id;
        recurring.AddOrUpdate<ReportJob>(RecurringId(id), j => j.RunScheduledAsync(id, null, CancellationToken.None), schedule.Cron, new RecurringJobOptions { TimeZone = zone });
    }

    public void Unschedule(int scheduleId) => recurring.RemoveIfExists(RecurringId(scheduleId));

    public void Deliver(int runId) => jobs.Enqueue<ReportJob>(j => j.DeliverAsync(runId, null, CancellationToken.None));

    public void RunDue(int scheduleId, DateTime dueUtc) => jobs.Enqueue<ReportJob>(j => j.RunDueAsync(scheduleId, dueUtc, null, CancellationToken.None));
}
