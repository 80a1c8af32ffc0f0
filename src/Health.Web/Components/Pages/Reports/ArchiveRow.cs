using Health.Core.Metrics.Formulas;
using Health.Core.Reports;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Components.Pages.Reports;

/// <summary>An archived report as the pages list it: what it is, and how each destination's delivery stands.</summary>
public sealed record ArchiveRow(
    int Id,
    string ScheduleName,
    bool ScheduleExists,
    string Subject,
    ReportTrigger Trigger,
    PeriodKind PeriodKind,
    DateTime PeriodStart,
    DateTime GeneratedAt,
    IReadOnlyList<DeliveryRow> Deliveries)
{
    /// <summary>The newest reports first.</summary>
    public static async Task<List<ArchiveRow>> LoadAsync(HealthDb db, int take, CancellationToken ct) =>
        (await db.ReportRuns.AsNoTracking()
            .OrderByDescending(r => r.GeneratedAt).ThenByDescending(r => r.Id)
            .Take(take)
            .Select(r => new { r.Id, r.ScheduleId, r.ScheduleName, r.Subject, r.Trigger, r.PeriodKind, r.PeriodStart, r.GeneratedAt, r.Deliveries })
            .ToListAsync(ct))
        .Select(r => new ArchiveRow(r.Id, r.ScheduleName, r.ScheduleId is not null, r.Subject, r.Trigger, r.PeriodKind, r.PeriodStart, r.GeneratedAt, [.. r.Deliveries.OrderBy(d => d.Channel).Select(DeliveryRow.From)]))
        .ToList();

    public bool AnyFailed => Deliveries.Any(d => d.State == DeliveryState.Failed);
}

/// <summary>One destination of an archived report, shown without a webhook's secret path.</summary>
public sealed record DeliveryRow(DeliveryChannel Channel, string Destination, DeliveryState State, int Attempts, string? LastError, DateTime? LastAttemptAt, DateTime? DeliveredAt)
{
    public static DeliveryRow From(ReportDelivery d) => new(
        d.Channel,
        d.Channel == DeliveryChannel.Webhook ? WebhookUrls.Masked(d.Destination) : d.Destination,
        d.State,
        d.Attempts,
        d.LastError,
        d.LastAttemptAt,
        d.DeliveredAt);

    public string ChannelText => Channel == DeliveryChannel.Email ? "Email" : "Webhook";

    public string StateKey => State switch
    {
        DeliveryState.Delivered => "delivered",
        DeliveryState.Failed => "failed",
        _ => Attempts > 0 ? "retrying" : "pending",
    };
}
