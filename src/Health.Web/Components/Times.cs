using System.Globalization;

namespace Health.Web.Components;

/// <summary>How the pages write times: UTC, to the minute, said so.</summary>
public static class Times
{
    public static string Utc(DateTime? value, string none) =>
        value is { } v ? v.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : none;
}
