using Health.Core.Reports.Content;
using Health.Core.Reports.Delivery;
using Health.Core.Reports.Rendering;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Core.Reports.Scheduling;

/// <summary>
/// The report schedules: create and edit (checked before anything is saved), delete (the archive is kept), send a test
/// now, preview. Every change lands in our database first, then is mirrored to the <see cref="IReportScheduler"/>.
/// </summary>
public sealed class ReportCatalog(
    IDbContextFactory<HealthDb> dbFactory,
    IReportScheduler scheduler,
    ReportRuns runs,
    IOptions<SmtpOptions> smtp,
    TimeProvider time)
{
    public async Task<List<ReportSchedule>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Ordered here, ordinally: the database's collation would order names differently on PostgreSQL than on SQLite.
        return [.. (await db.ReportSchedules.AsNoTracking().ToListAsync(ct)).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id)];
    }

    /// <summary>What each schedule covers now, by id: the page shows the schedules whose repositories are no longer tracked.</summary>
    public async Task<IReadOnlyDictionary<int, ScheduleCoverage>> CoverageAsync(IEnumerable<ReportSchedule> schedules, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ScheduleCoverage.OfAsync(db, schedules, ct);
    }

    /// <summary>Creates a schedule (<paramref name="id"/> null) or changes one. Returns its id, or an error naming what is wrong.</summary>
    public async Task<(int? Id, string? Error)> SaveAsync(int? id, ReportScheduleInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        ReportSchedule? schedule = null;
        if (id is { } existing)
        {
            schedule = await db.ReportSchedules.SingleOrDefaultAsync(s => s.Id == existing, ct);
            if (schedule is null)
            {
                return (null, "That report schedule no longer exists.");
            }

            // The form never holds the stored webhook URL (its path is a secret): left empty, the stored one stays.
            if (string.IsNullOrWhiteSpace(input.WebhookUrl) && input.KeepWebhook && schedule.WebhookUrl is { } stored)
            {
                input = input.WithWebhook(stored);
            }
        }

        if (!ReportScheduleValidator.TryValidate(input, smtp.Value.IsConfigured, out var valid, out var error))
        {
            return (null, error);
        }

        var (_, scopeError) = await ResolvedScope.ResolveTrackedAsync(db, valid.Targets, ct);
        if (scopeError is not null)
        {
            return (null, scopeError);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (schedule is null)
        {
            schedule = new ReportSchedule { Name = valid.Name, Scope = valid.Scope, Cron = valid.Cron, TimeZone = valid.TimeZone, CreatedAt = now };
            db.ReportSchedules.Add(schedule);
        }

        valid.CopyTo(schedule);
        schedule.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        scheduler.Schedule(schedule);
        return (schedule.Id, null);
    }

    /// <summary>Deletes the schedule and its recurring job; its archived reports stay.</summary>
    public async Task<string?> DeleteAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.ReportSchedules.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        scheduler.Unschedule(id);
        return deleted == 0 ? "That report schedule no longer exists." : null;
    }

    /// <summary>Makes the report of the last complete period now and queues its delivery. Returns the archived run's id, or an error.</summary>
    public async Task<(int? RunId, string? Error)> SendTestAsync(int id, CancellationToken ct)
    {
        if (!await ExistsAsync(id, ct))
        {
            return (null, "That report schedule no longer exists.");
        }

        try
        {
            var run = await runs.CreateTestAsync(id, ct);
            scheduler.Deliver(run.Id);
            return (run.Id, null);
        }
        catch (ReportScopeException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>What the schedule would send now, not stored and not sent.</summary>
    public async Task<(RenderedReport? Report, string? Error)> PreviewAsync(int id, CancellationToken ct)
    {
        if (!await ExistsAsync(id, ct))
        {
            return (null, "That report schedule no longer exists.");
        }

        try
        {
            return (await runs.PreviewAsync(id, ct), null);
        }
        catch (ReportScopeException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Queues the delivery of a run's destinations that are not delivered (after a failure that used up its retries).</summary>
    public async Task<string?> ResendAsync(int runId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ReportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is not { ScheduleId: not null })
        {
            return "That report cannot be sent again: it or its schedule was deleted.";
        }

        scheduler.Deliver(runId);
        return null;
    }

    private async Task<bool> ExistsAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportSchedules.AnyAsync(s => s.Id == id, ct);
    }
}
