using Health.Core.Metrics.Formulas;
using Health.Core.Storage.Entities;
using Health.Core.Tracking;

namespace Health.Core.Reports.Scheduling;

/// <summary>A checked schedule: every part well formed, ready to store.</summary>
public sealed record ValidSchedule(
    string Name,
    IReadOnlyList<TrackTarget> Targets,
    ReportCadence Cadence,
    string Cron,
    string TimeZone,
    PeriodKind Period,
    IReadOnlyList<string> Recipients,
    string? WebhookUrl)
{
    /// <summary>The targets as stored: <c>owner/name, owner/*</c>.</summary>
    public string Scope => string.Join(", ", Targets);

    public void CopyTo(ReportSchedule schedule)
    {
        schedule.Name = Name;
        schedule.Scope = Scope;
        schedule.Cadence = Cadence;
        schedule.Cron = Cron;
        schedule.TimeZone = TimeZone;
        schedule.Period = Period;
        schedule.Recipients = Reports.Recipients.Join(Recipients);
        schedule.WebhookUrl = WebhookUrl;
    }
}
