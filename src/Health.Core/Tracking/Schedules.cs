using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace Health.Core.Tracking;

/// <summary>A recurring schedule as people type it: a five-field cron expression read in a time zone.</summary>
public static class Schedules
{
    /// <summary>Hourly, on the hour.</summary>
    public const string DefaultCron = "0 * * * *";

    public const string DefaultTimeZone = "UTC";

    private const string CronHelp = "five fields: minute hour day-of-month month day-of-week, e.g. '0 * * * *' for hourly or '30 6 * * 1' for Mondays at 06:30";

    public static bool TryParseCron(string? text, [NotNullWhen(true)] out CronExpression? cron, [NotNullWhen(false)] out string? error)
    {
        cron = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = $"The schedule is empty: expected a cron expression of {CronHelp}.";
            return false;
        }

        if (trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
        {
            error = $"'{trimmed}' is not a cron expression of {CronHelp}.";
            return false;
        }

        try
        {
            cron = CronExpression.Parse(trimmed, CronFormat.Standard);
            error = null;
            return true;
        }
        catch (CronFormatException e)
        {
            error = $"'{trimmed}' is not a valid cron expression ({e.Message.TrimEnd('.')}): expected {CronHelp}.";
            return false;
        }
    }

    public static bool TryFindTimeZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone, [NotNullWhen(false)] out string? error)
    {
        zone = null;
        var trimmed = (id ?? string.Empty).Trim();
        if (trimmed.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out zone))
        {
            error = null;
            return true;
        }

        error = trimmed.Length == 0
            ? "The time zone is empty: expected an IANA id such as 'UTC' or 'Europe/Berlin'."
            : $"'{trimmed}' is not a time zone this machine knows: expected an IANA id such as 'UTC' or 'Europe/Berlin'.";
        return false;
    }

    /// <summary>Checks both parts; the error names the first one that is wrong.</summary>
    public static bool TryValidate(string? cron, string? timeZone, [NotNullWhen(false)] out string? error) =>
        TryParseCron(cron, out _, out error) && TryFindTimeZone(timeZone, out _, out error);

    /// <summary>The next time (UTC) the schedule fires after <paramref name="afterUtc"/>, or null when it never does or is invalid.</summary>
    public static DateTime? Next(string cron, string timeZone, DateTime afterUtc) =>
        TryParseCron(cron, out var expression, out _) && TryFindTimeZone(timeZone, out var zone, out _)
            ? expression.GetNextOccurrence(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), zone)
            : null;
}
