using System.Globalization;
using System.Text;

namespace GitHubSimulator;

/// <summary>
/// Opaque cursors like GitHub's: base64 of <c>cursor:v2:</c> and the position of the item they follow, as values
/// rather than an offset, so a cursor stays valid while the list changes: (sort key, id) in a repository's lists, the
/// id (or place) in a node's children.
/// </summary>
internal static class Cursors
{
    private const string Prefix = "cursor:v2:";

    public static string Of(long key, long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{key}:{id}")));

    public static string Of(long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{id}")));

    /// <summary>Reads a (sort key, id) cursor; throws GitHub's INVALID_CURSOR_ARGUMENTS error when it is not one.</summary>
    public static (long Key, long Id) Pair(string cursor)
    {
        string[] parts = Text(cursor).Split(':');
        return parts.Length == 2 && Long(parts[0]) is long key && Long(parts[1]) is long id ? (key, id) : throw GitHubErrors.InvalidCursor(cursor);
    }

    /// <summary>Reads a single-value cursor; throws GitHub's INVALID_CURSOR_ARGUMENTS error when it is not one.</summary>
    public static long Single(string cursor) => Long(Text(cursor)) ?? throw GitHubErrors.InvalidCursor(cursor);

    private static string Text(string cursor)
    {
        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : throw GitHubErrors.InvalidCursor(cursor);
        }
        catch (FormatException)
        {
            throw GitHubErrors.InvalidCursor(cursor);
        }
    }

    private static long? Long(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : null;
}
