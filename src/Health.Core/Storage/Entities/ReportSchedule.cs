using Health.Core.Metrics.Formulas;

namespace Health.Core.Storage.Entities;

/// <summary>A periodic report: what it covers, when it is due, which period it reports, and where it goes.</summary>
public sealed class ReportSchedule
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Comma-separated <c>owner/name</c> or <c>owner/*</c> (every tracked repository of an organisation or user, resolved when the report is made).</summary>
    public required string Scope { get; set; }

    /// <summary>How the cadence was given; <see cref="Cron"/> always holds the resulting expression.</summary>
    public ReportCadence Cadence { get; set; }

    /// <summary>When the report falls due: a five-field cron expression, read in <see cref="TimeZone"/>.</summary>
    public required string Cron { get; set; }

    /// <summary>IANA (or Windows) id of the time zone <see cref="Cron"/> is read in.</summary>
    public required string TimeZone { get; set; }

    /// <summary>The period a report covers: the last complete ISO week or calendar month (UTC) before the due time.</summary>
    public PeriodKind Period { get; set; }

    /// <summary>Comma-separated email addresses; empty for none.</summary>
    public string Recipients { get; set; } = string.Empty;

    /// <summary>An http(s) URL that receives the report as JSON; null for none.</summary>
    public string? WebhookUrl { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>How a report's cadence is given: weekly on a weekday, monthly on a day, or a cron expression.</summary>
public enum ReportCadence
{
    Weekly = 0,
    Monthly = 1,
    Cron = 2,
}
