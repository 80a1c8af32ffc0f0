namespace Health.Core.Storage.Entities;

/// <summary>One destination of a report (the email to its recipients, or the webhook) and where its delivery stands.</summary>
public sealed class ReportDelivery
{
    public int Id { get; set; }

    public int RunId { get; set; }

    public DeliveryChannel Channel { get; set; }

    /// <summary>The recipients (comma-separated) or the webhook URL, as they were when the report was made.</summary>
    public required string Destination { get; set; }

    public DeliveryState State { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    /// <summary>Who is sending it right now, so two runs of the same job never send it twice at once.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }
}

public enum DeliveryChannel
{
    Email = 0,
    Webhook = 1,
}

public enum DeliveryState
{
    /// <summary>Not delivered yet (possibly after a failed attempt that will be retried).</summary>
    Pending = 0,

    Delivered = 1,

    /// <summary>Every retry failed; <see cref="ReportDelivery.LastError"/> says why. Sending again is still possible.</summary>
    Failed = 2,
}
