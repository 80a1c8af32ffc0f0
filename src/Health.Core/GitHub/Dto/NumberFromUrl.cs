using System.Globalization;

namespace Health.Core.GitHub.Dto;

/// <summary>The trailing number of an <c>issue_url</c> or <c>pull_request_url</c>.</summary>
public static class NumberFromUrl
{
    public static int? Parse(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        var trimmed = url.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return int.TryParse(trimmed.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }
}
