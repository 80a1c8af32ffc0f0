using System.Globalization;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage.Entities;

namespace Health.Core.Reports.Scheduling;

/// <summary>A report schedule as a person fills it in (the reports page's form), not yet checked.</summary>
public sealed class ReportScheduleInput
{
    public string Name { get; set; } = string.Empty;

    /// <summary><c>owner/name</c> (one or more, separated by commas) or an organisation or user (<c>owner</c> or <c>owner/*</c>).</summary>
    public string Scope { get; set; } = string.Empty;

    public ReportCadence Cadence { get; set; } = ReportCadence.Weekly;

    public DayOfWeek Weekday { get; set; } = DayOfWeek.Monday;

    public int DayOfMonth { get; set; } = 1;

    /// <summary>The time of day of a weekly or monthly report, <c>HH:mm</c> in <see cref="TimeZone"/>.</summary>
    public string Time { get; set; } = "08:00";

    /// <summary>A five-field cron expression, for <see cref="ReportCadence.Cron"/>.</summary>
    public string Cron { get; set; } = string.Empty;

    public string TimeZone { get; set; } = "UTC";

    public PeriodKind Period { get; set; } = PeriodKind.Week;

    public string Recipients { get; set; } = string.Empty;

    /// <summary>A new webhook URL; empty while editing keeps the stored one (see <see cref="KeepWebhook"/>).</summary>
    public string WebhookUrl { get; set; } = string.Empty;

    /// <summary>
    /// Editing a schedule with a webhook: the stored URL, shown without its path (<see cref="WebhookUrls.Masked"/>). The
    /// URL itself is never sent back to the form: its path is its secret.
    /// </summary>
    public string? StoredWebhook { get; set; }

    /// <summary>Editing: keep the stored webhook when <see cref="WebhookUrl"/> is empty; cleared to remove it.</summary>
    public bool KeepWebhook { get; set; }

    /// <summary>The form filled with a stored schedule, for editing (its webhook URL masked, kept unless replaced).</summary>
    public static ReportScheduleInput From(ReportSchedule schedule)
    {
        var input = new ReportScheduleInput
        {
            Name = schedule.Name,
            Scope = schedule.Scope,
            Cadence = schedule.Cadence,
            Cron = schedule.Cron,
            TimeZone = schedule.TimeZone,
            Period = schedule.Period,
            Recipients = schedule.Recipients,
            StoredWebhook = schedule.WebhookUrl is { } url ? WebhookUrls.Masked(url) : null,
            KeepWebhook = schedule.WebhookUrl is not null,
        };
        var fields = schedule.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (schedule.Cadence != ReportCadence.Cron && fields.Length == 5
            && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var hour))
        {
            input.Time = $"{hour:00}:{minute:00}";
            if (schedule.Cadence == ReportCadence.Weekly && int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var weekday))
            {
                input.Weekday = (DayOfWeek)(weekday % 7);
            }
            else if (int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            {
                input.DayOfMonth = day;
            }
        }

        return input;
    }

    /// <summary>A copy of this input whose webhook is <paramref name="url"/>: the form's fields as typed, the stored URL kept.</summary>
    internal ReportScheduleInput WithWebhook(string url)
    {
        var copy = (ReportScheduleInput)MemberwiseClone();
        copy.WebhookUrl = url;
        return copy;
    }
}
