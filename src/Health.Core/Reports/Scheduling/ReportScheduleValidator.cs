using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage.Entities;
using Health.Core.Tracking;

namespace Health.Core.Reports.Scheduling;

/// <summary>Checks a schedule as typed; the error says exactly what is wrong and how to write it.</summary>
public static class ReportScheduleValidator
{
    public const int MaxNameLength = 200;

    /// <param name="input">What was typed.</param>
    /// <param name="emailConfigured">Whether <c>Smtp:Host</c> is set: a schedule with recipients needs it.</param>
    public static bool TryValidate(ReportScheduleInput input, bool emailConfigured, [NotNullWhen(true)] out ValidSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        if (!TryTargets(input.Scope, out var targets, out error)
            || !TryCron(input, out var cron, out error)
            || !Schedules.TryFindTimeZone(input.TimeZone, out _, out error)
            || !TryPeriod(input.Period, out error)
            || !Reports.Recipients.TryParse(input.Recipients, out var recipients, out error))
        {
            return false;
        }

        string? webhook = null;
        if (!string.IsNullOrWhiteSpace(input.WebhookUrl))
        {
            if (!WebhookUrls.TryParse(input.WebhookUrl, out var uri, out error))
            {
                return false;
            }

            webhook = uri.AbsoluteUri;
        }

        if (recipients.Count == 0 && webhook is null)
        {
            error = "Say where the report goes: email recipients, a webhook URL, or both.";
            return false;
        }

        if (recipients.Count > 0 && !emailConfigured)
        {
            error = "Email needs an SMTP server, and Smtp:Host is not set: configure the Smtp section (Host, Port, Security, From), or send this report to a webhook only.";
            return false;
        }

        var scope = string.Join(", ", targets);
        var name = string.IsNullOrWhiteSpace(input.Name) ? $"{scope}, {(input.Period == PeriodKind.Week ? "weekly" : "monthly")}" : input.Name.Trim();
        if (name.Length > MaxNameLength)
        {
            error = $"The name is too long: at most {MaxNameLength} characters.";
            return false;
        }

        schedule = new ValidSchedule(name, targets, input.Cadence, cron, input.TimeZone.Trim(), input.Period, recipients, webhook);
        return true;
    }

    private static bool TryTargets(string? text, out List<TrackTarget> targets, [NotNullWhen(false)] out string? error)
    {
        targets = [];
        foreach (var part in (text ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TrackTarget.TryParse(part, out var target, out error))
            {
                return false;
            }

            if (!targets.Any(t => t.ToString().Equals(target.ToString(), StringComparison.OrdinalIgnoreCase)))
            {
                targets.Add(target);
            }
        }

        error = targets.Count == 0 ? "Name what the report covers: owner/name (several separated by commas), or an organisation or user (owner) for all its tracked repositories." : null;
        return error is null;
    }

    private static bool TryCron(ReportScheduleInput input, out string cron, [NotNullWhen(false)] out string? error)
    {
        cron = string.Empty;
        switch (input.Cadence)
        {
            case ReportCadence.Cron:
                if (!Schedules.TryParseCron(input.Cron, out _, out error))
                {
                    return false;
                }

                cron = string.Join(' ', input.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                return true;
            case ReportCadence.Weekly or ReportCadence.Monthly:
                if (!TimeOnly.TryParseExact((input.Time ?? string.Empty).Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                {
                    error = $"'{input.Time}' is not a time of day: expected HH:mm, e.g. 08:00.";
                    return false;
                }

                if (input.Cadence == ReportCadence.Weekly && !Enum.IsDefined(input.Weekday))
                {
                    error = "Choose the weekday the report is sent on.";
                    return false;
                }

                if (input.Cadence == ReportCadence.Monthly && input.DayOfMonth is < 1 or > 28)
                {
                    error = $"The day of the month must be between 1 and 28, so that every month has it (it is {input.DayOfMonth}); for other days use a cron expression.";
                    return false;
                }

                var day = input.Cadence == ReportCadence.Weekly ? $"* * {(int)input.Weekday}" : $"{input.DayOfMonth} * *";
                cron = string.Create(CultureInfo.InvariantCulture, $"{time.Minute} {time.Hour} {day}");
                error = null;
                return true;
            default:
                error = "Choose a cadence: weekly, monthly or a cron expression.";
                return false;
        }
    }

    private static bool TryPeriod(PeriodKind period, [NotNullWhen(false)] out string? error)
    {
        error = Enum.IsDefined(period) ? null : "Choose the period the report covers: the last complete week or month.";
        return error is null;
    }
}
