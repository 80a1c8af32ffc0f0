using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Reports.Scheduling;

/// <summary>
/// What fell behind while the app was stopped, read from our database (never only from the job storage): schedules
/// whose most recent due time passed without a report of the period it covers, and reports with destinations not
/// delivered yet and not given up on.
/// </summary>
public sealed class ReportCatchUp(IDbContextFactory<HealthDb> dbFactory, TimeProvider time)
{
    /// <summary>
    /// Each schedule whose latest due time is past, not before the schedule was created, and has no scheduled report
    /// for the period it covers, with that due time.
    /// </summary>
    public async Task<IReadOnlyList<(int ScheduleId, DateTime Due)>> OverdueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedules = await db.ReportSchedules.AsNoTracking().ToListAsync(ct);
        var made = (await db.ReportRuns.AsNoTracking()
                .Where(r => r.Trigger == ReportTrigger.Scheduled && r.ScheduleId != null)
                .Select(r => new { ScheduleId = r.ScheduleId!.Value, r.PeriodKind, r.PeriodStart })
                .ToListAsync(ct))
            .ToHashSet();
        var overdue = new List<(int, DateTime)>();
        foreach (var schedule in schedules)
        {
            if (ReportDue.Latest(schedule, now) is { } due && due >= schedule.UpdatedAt
                && !made.Contains(new { ScheduleId = schedule.Id, PeriodKind = schedule.Period, PeriodStart = ReportDue.PeriodOf(schedule, due) }))
            {
                overdue.Add((schedule.Id, due));
            }
        }

        return overdue;
    }

    /// <summary>
    /// Runs of existing schedules with a destination still pending. A claim left by a process killed mid-send still holds
    /// until its lease ends; the delivery job meets it as busy and is retried past it.
    /// </summary>
    public async Task<IReadOnlyList<int>> UndeliveredAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportDeliveries.AsNoTracking()
            .Where(d => d.State == DeliveryState.Pending)
            .Join(db.ReportRuns.Where(r => r.ScheduleId != null), d => d.RunId, r => r.Id, (d, r) => r.Id)
            .Distinct()
            .ToListAsync(ct);
    }
}
