using Hangfire;
using Hangfire.Storage;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Jobs;

/// <summary>
/// At start of a <c>web</c> process, rebuilds the report schedules' recurring jobs from our database (removing those of deleted schedules), then
/// catches up from our database, not the job storage: a report that fell due while the app was stopped is made and sent,
/// and a report with a destination left pending (a process stopped mid-delivery) is delivered.
/// </summary>
internal sealed partial class ReportsOnStart(
    IDbContextFactory<HealthDb> dbFactory,
    IReportScheduler scheduler,
    ReportCatchUp catchUp,
    JobStorage storage,
    IRecurringJobManager recurring,
    ILogger<ReportsOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Listed before our database is read, as ScheduleOnStart does: a schedule another process adds meanwhile is not taken for stale.
        List<string> existing;
        using (var connection = storage.GetConnection())
        {
            existing = connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(HangfireReportScheduler.Prefix, StringComparison.Ordinal)).ToList();
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var schedules = await db.ReportSchedules.AsNoTracking().ToListAsync(cancellationToken);
            foreach (var schedule in schedules)
            {
                scheduler.Schedule(schedule);
            }

            var wanted = schedules.Select(s => HangfireReportScheduler.RecurringId(s.Id)).ToHashSet();
            foreach (var stale in existing.Where(id => !wanted.Contains(id)))
            {
                recurring.RemoveIfExists(stale);
            }
        }

        foreach (var (scheduleId, due) in await catchUp.OverdueAsync(cancellationToken))
        {
            LogCatchUp(logger, scheduleId, due);
            scheduler.RunDue(scheduleId, due);
        }

        foreach (var runId in await catchUp.UndeliveredAsync(cancellationToken))
        {
            scheduler.Deliver(runId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Report schedule #{Schedule} fell due at {Due:u} while the app was stopped; catching up")]
    private static partial void LogCatchUp(ILogger logger, int schedule, DateTime due);
}
