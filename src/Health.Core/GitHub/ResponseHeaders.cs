using System.Globalization;
using System.Net.Http.Headers;

namespace Health.Core.GitHub;

/// <summary>Reads GitHub's headers (case-insensitively; malformed values are ignored, never trusted).</summary>
internal static class ResponseHeaders
{
    public static string? Get(IReadOnlyDictionary<string, string>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public static int? GetInt(IReadOnlyDictionary<string, string>? headers, string name) => Int(Get(headers, name));

    public static DateTime? RateLimitReset(IReadOnlyDictionary<string, string>? headers) => UnixTime(Get(headers, "X-RateLimit-Reset"));

    /// <summary>The remaining budget, its reset and the resource it is of (null when not named) of an answer.</summary>
    public static (int? Remaining, DateTime? Reset, string? Resource) RateLimit(HttpResponseHeaders headers)
    {
        static string? First(HttpResponseHeaders h, string name) => h.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
        return (Int(First(headers, "X-RateLimit-Remaining")), UnixTime(First(headers, "X-RateLimit-Reset")), First(headers, "X-RateLimit-Resource")?.Trim());
    }

    private static int? Int(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static DateTime? UnixTime(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0 && s < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime
            : null;

    public static DateTime? Date(IReadOnlyDictionary<string, string>? headers) =>
        DateTimeOffset.TryParse(Get(headers, "Date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d.UtcDateTime : null;

    /// <summary>Retry-After in seconds or as an HTTP date, relative to <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(IReadOnlyDictionary<string, string>? headers, DateTime now)
    {
        var value = Get(headers, "Retry-After");
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime > now ? at.UtcDateTime - now : TimeSpan.Zero
            : null;
    }

    /// <summary>The page number of a rel="last" link, when there is one.</summary>
    public static int? PageOf(Uri? link)
    {
        if (link is null)
        {
            return null;
        }

        foreach (var part in link.Query.TrimStart('?').Split('&'))
        {
            if (part.StartsWith("page=", StringComparison.Ordinal) &&
                int.TryParse(part.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var page))
            {
                return page;
            }
        }

        return null;
    }
}
