using Health.Core.Reports.Content;
using Health.Core.Reports.Rendering;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Health.Core.Reports;

/// <summary>
/// Makes reports and keeps them as the archive. A scheduled report is made once per schedule and period: asking again
/// (a job re-run, a catch-up racing the recurring job) finds the run that exists, so what it delivered stays delivered.
/// </summary>
public sealed partial class ReportRuns(IDbContextFactory<HealthDb> dbFactory, ReportBuilder builder, TimeProvider time, ILogger<ReportRuns> logger)
{
    /// <summary>The most recent due time of the schedule; null when it is gone or never fell due.</summary>
    public async Task<(ReportSchedule? Schedule, DateTime? Due)> LatestDueAsync(int scheduleId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await db.ReportSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId, ct);
        return (schedule, schedule is null ? null : ReportDue.Latest(schedule, time.GetUtcNow().UtcDateTime));
    }

    /// <summary>Finds or makes the scheduled report of the period due at <paramref name="dueUtc"/>; null when the schedule no longer exists.</summary>
    /// <exception cref="ReportScopeException">The schedule covers no tracked repository any more.</exception>
    public async Task<ReportRun?> EnsureScheduledAsync(int scheduleId, DateTime dueUtc, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await db.ReportSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId, ct);
        if (schedule is null)
        {
            return null;
        }

        var periodStart = ReportDue.PeriodOf(schedule, dueUtc);
        if (await FindScheduledAsync(db, schedule, periodStart, ct) is { } existing)
        {
            return existing;
        }

        var run = await NewRunAsync(db, schedule, ReportTrigger.Scheduled, periodStart, dueUtc, ct);
        db.ReportRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
            LogMade(logger, run.Id, schedule.Name, run.PeriodStart);
            return run;
        }
        catch (DbUpdateException e)
        {
            // Another run of the job may have made it first (the unique index on schedule and period): then use that one.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return await FindScheduledAsync(again, schedule, periodStart, ct)
                ?? throw new InvalidOperationException($"The report of '{schedule.Name}' for {ReportPeriods.Describe(periodStart, schedule.Period)} could not be stored: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    /// <summary>Makes a test report of the last complete period now (kept in the archive, never counted as the scheduled one).</summary>
    public async Task<ReportRun> CreateTestAsync(int scheduleId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await db.ReportSchedules.AsNoTracking().SingleAsync(s => s.Id == scheduleId, ct);
        var run = await NewRunAsync(db, schedule, ReportTrigger.Test, ReportPeriods.LastCompleteBefore(time.GetUtcNow().UtcDateTime, schedule.Period), null, ct);
        db.ReportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        LogMade(logger, run.Id, schedule.Name, run.PeriodStart);
        return run;
    }

    /// <summary>The report the schedule would send now, rendered but neither stored nor sent.</summary>
    public async Task<RenderedReport> PreviewAsync(int scheduleId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await db.ReportSchedules.AsNoTracking().SingleAsync(s => s.Id == scheduleId, ct);
        return (await RenderAsync(db, schedule, ReportPeriods.LastCompleteBefore(time.GetUtcNow().UtcDateTime, schedule.Period), ct)).Rendered;
    }

    private async Task<ReportRun> NewRunAsync(HealthDb db, ReportSchedule schedule, ReportTrigger trigger, DateTime periodStart, DateTime? due, CancellationToken ct)
    {
        var (scope, rendered) = await RenderAsync(db, schedule, periodStart, ct);
        var run = new ReportRun
        {
            ScheduleId = schedule.Id,
            ScheduleName = schedule.Name,
            Trigger = trigger,
            PeriodKind = schedule.Period,
            PeriodStart = periodStart,
            DueAt = due,
            GeneratedAt = time.GetUtcNow().UtcDateTime,
            Repositories = string.Join(", ", scope.Repositories.Select(r => r.FullName)),
            Subject = rendered.Subject,
            Html = rendered.Html,
            Markdown = rendered.Markdown,
            Text = rendered.Text,
            Csv = rendered.Csv,
            WebhookJson = rendered.WebhookJson,
        };
        if (Recipients.TryParse(schedule.Recipients, out var recipients, out _) && recipients.Count > 0)
        {
            run.Deliveries.Add(new ReportDelivery { Channel = DeliveryChannel.Email, Destination = Recipients.Join(recipients) });
        }

        if (!string.IsNullOrWhiteSpace(schedule.WebhookUrl))
        {
            run.Deliveries.Add(new ReportDelivery { Channel = DeliveryChannel.Webhook, Destination = schedule.WebhookUrl });
        }

        return run;
    }

    private async Task<(ResolvedScope Scope, RenderedReport Rendered)> RenderAsync(HealthDb db, ReportSchedule schedule, DateTime periodStart, CancellationToken ct)
    {
        var coverage = await ScheduleCoverage.OfAsync(db, schedule.Scope, ct);
        if (coverage.Scope is not { } scope)
        {
            throw new ReportScopeException($"Report '{schedule.Name}': {coverage.Problem}");
        }

        var content = await builder.BuildAsync(scope, schedule.Period, periodStart, ct);
        return (scope, await RenderedReport.RenderAsync(content, ct));
    }

    private static Task<ReportRun?> FindScheduledAsync(HealthDb db, ReportSchedule schedule, DateTime periodStart, CancellationToken ct) =>
        db.ReportRuns.AsNoTracking().Include(r => r.Deliveries)
            .SingleOrDefaultAsync(r => r.ScheduleId == schedule.Id && r.Trigger == ReportTrigger.Scheduled && r.PeriodKind == schedule.Period && r.PeriodStart == periodStart, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report #{Run} made for '{Schedule}', period starting {PeriodStart:yyyy-MM-dd}")]
    private static partial void LogMade(ILogger logger, int run, string schedule, DateTime periodStart);
}

/// <summary>A schedule none of whose repositories is tracked any more: nothing to report until one is tracked again or it is edited.</summary>
public sealed class ReportScopeException(string message) : Exception(message);
