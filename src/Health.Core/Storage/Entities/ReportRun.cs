using Health.Core.Metrics.Formulas;

namespace Health.Core.Storage.Entities;

/// <summary>
/// One generated report, kept as the archive: its renderings exactly as they were delivered, and one
/// <see cref="ReportDelivery"/> per destination. A scheduled run is unique per schedule and period, so a job that runs
/// again finds the same run and only delivers what is not delivered yet.
/// </summary>
public sealed class ReportRun
{
    public int Id { get; set; }

    /// <summary>Null once the schedule was deleted (the archive is kept).</summary>
    public int? ScheduleId { get; set; }

    /// <summary>The schedule's name when the report was made.</summary>
    public required string ScheduleName { get; set; }

    public ReportTrigger Trigger { get; set; }

    public PeriodKind PeriodKind { get; set; }

    public DateTime PeriodStart { get; set; }

    /// <summary>The due time the run answers (scheduled runs); null for a test.</summary>
    public DateTime? DueAt { get; set; }

    public DateTime GeneratedAt { get; set; }

    /// <summary>The repositories covered, comma-separated <c>owner/name</c>.</summary>
    public required string Repositories { get; set; }

    public required string Subject { get; set; }

    public required string Html { get; set; }

    public required string Markdown { get; set; }

    public required string Text { get; set; }

    /// <summary>The metrics CSV of the period (METRICS.md), attached to the email.</summary>
    public required string Csv { get; set; }

    /// <summary>The webhook's JSON body.</summary>
    public required string WebhookJson { get; set; }

    public List<ReportDelivery> Deliveries { get; set; } = [];
}

/// <summary>Why a report was made.</summary>
public enum ReportTrigger
{
    /// <summary>Its schedule fell due (or was caught up at start).</summary>
    Scheduled = 0,

    /// <summary>"Send a test now" on the reports page: never counts as the period's scheduled report.</summary>
    Test = 1,
}
