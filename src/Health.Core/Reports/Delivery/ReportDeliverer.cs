using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Health.Core.Reports.Delivery;

/// <summary>
/// Delivers a run's destinations exactly once each: a destination already delivered is skipped; one being sent by another
/// run of the job (a claim with a lease) is left to it; each successful send is committed as delivered right away, so a
/// retry only repeats what failed. After the last attempt a failure stays visible as <see cref="DeliveryState.Failed"/>.
/// </summary>
public sealed partial class ReportDeliverer(
    IDbContextFactory<HealthDb> dbFactory,
    SmtpReportSender email,
    WebhookReportSender webhook,
    IOptions<ReportsOptions> options,
    TimeProvider time,
    ILogger<ReportDeliverer> logger)
{
    /// <param name="runId">The archived report.</param>
    /// <param name="finalAttempt">No retry follows: a failure now is final (state Failed rather than Pending).</param>
    public async Task<DeliveryOutcome> DeliverAsync(int runId, bool finalAttempt, CancellationToken ct)
    {
        ReportRun? run;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            run = await db.ReportRuns.AsNoTracking().Include(r => r.Deliveries).SingleOrDefaultAsync(r => r.Id == runId, ct);
        }

        if (run is null || run.ScheduleId is null)
        {
            return new DeliveryOutcome(runId, [], [], [], [], run is null ? "not in the archive (deleted?)" : "its schedule was deleted; not delivered");
        }

        var delivered = new List<string>();
        var already = new List<string>();
        var failed = new List<string>();
        var busy = new List<string>();
        foreach (var delivery in run.Deliveries.OrderBy(d => d.Channel))
        {
            var label = Label(delivery);
            if (delivery.State == DeliveryState.Delivered)
            {
                already.Add(label);
                continue;
            }

            var claim = Guid.NewGuid().ToString("N");
            if (!await ClaimAsync(delivery.Id, claim, ct))
            {
                (await IsDeliveredAsync(delivery.Id, ct) ? already : busy).Add(label);
                continue;
            }

            try
            {
                await (delivery.Channel == DeliveryChannel.Email ? email.SendAsync(run, delivery, ct) : webhook.SendAsync(run, delivery, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await RecordFailureAsync(delivery.Id, claim, e.Message, finalAttempt, ct);
                LogFailed(logger, runId, label, finalAttempt, e.Message);
                failed.Add($"{label} ({e.Message})");
                continue;
            }
            catch (OperationCanceledException)
            {
                await ReleaseAsync(delivery.Id, claim);
                throw;
            }

            await RecordDeliveredAsync(delivery.Id, claim);
            LogDelivered(logger, runId, delivery.Channel);
            delivered.Add(label);
        }

        return new DeliveryOutcome(runId, delivered, already, failed, busy);
    }

    /// <summary>Takes the delivery for this attempt, unless it is delivered or another attempt holds an unexpired claim.</summary>
    private async Task<bool> ClaimAsync(int deliveryId, string claim, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + options.Value.DeliveryLease;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportDeliveries
            .Where(d => d.Id == deliveryId && d.State != DeliveryState.Delivered && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, claim).SetProperty(d => d.ClaimedUntil, until), ct) == 1;
    }

    private async Task<bool> IsDeliveredAsync(int deliveryId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportDeliveries.AnyAsync(d => d.Id == deliveryId && d.State == DeliveryState.Delivered, ct);
    }

    /// <summary>Committed right after the send, and not cancellable: a sent report must never look unsent.</summary>
    private async Task RecordDeliveredAsync(int deliveryId, string claim)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.ReportDeliveries.Where(d => d.Id == deliveryId && d.ClaimedBy == claim).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.State, DeliveryState.Delivered)
                .SetProperty(d => d.DeliveredAt, now)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.LastError, (string?)null)
                .SetProperty(d => d.ClaimedBy, (string?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTime?)null),
            CancellationToken.None);
    }

    private async Task RecordFailureAsync(int deliveryId, string claim, string error, bool final, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var state = final ? DeliveryState.Failed : DeliveryState.Pending;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ReportDeliveries.Where(d => d.Id == deliveryId && d.ClaimedBy == claim).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.State, state)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.ClaimedBy, (string?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTime?)null),
            ct);
    }

    private async Task ReleaseAsync(int deliveryId, string claim)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.ReportDeliveries.Where(d => d.Id == deliveryId && d.ClaimedBy == claim).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null),
            CancellationToken.None);
    }

    private static string Label(ReportDelivery delivery) =>
        delivery.Channel == DeliveryChannel.Email ? $"email to {delivery.Destination}" : $"webhook {WebhookUrls.Masked(delivery.Destination)}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Report #{Run} delivered by {Channel}")]
    private static partial void LogDelivered(ILogger logger, int run, DeliveryChannel channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report #{Run}: {Destination} failed (final attempt: {Final}): {Error}")]
    private static partial void LogFailed(ILogger logger, int run, string destination, bool final, string error);
}
