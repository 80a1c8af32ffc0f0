using System.Globalization;

namespace GitHubSimulator;

/// <summary>GitHub's timestamp format: <c>2011-01-26T19:01:12Z</c> (UTC, whole seconds).</summary>
internal static class TimeFormat
{
    public static DateTime TruncateToSeconds(DateTime time)
    {
        DateTime utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    /// <summary>Writes the timestamp as UTF-8 into <paramref name="destination"/> (20 bytes) and returns the length.</summary>
    public static int Format(DateTime time, Span<byte> destination)
    {
        time.TryFormat(destination, out int written, "s", CultureInfo.InvariantCulture);
        destination[written] = (byte)'Z';
        return written + 1;
    }

    public static bool TryParse(string? text, out DateTime utc)
    {
        if (!string.IsNullOrEmpty(text) && DateTimeOffset.TryParse(
                text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }
}
