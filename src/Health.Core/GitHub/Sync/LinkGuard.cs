namespace Health.Core.GitHub.Sync;

/// <summary>
/// Follows a pagination link only if it stays on the configured API host: our token travels with every request,
/// so a Link header pointing elsewhere is refused rather than followed.
/// </summary>
internal static class LinkGuard
{
    public static Uri? Checked(Uri? next, Uri apiBase)
    {
        if (next is null)
        {
            return null;
        }

        if (!IsUnder(next, apiBase))
        {
            throw new GitHubException($"GitHub's Link header points outside the configured API ({next.GetLeftPart(UriPartial.Authority)} is not {apiBase.GetLeftPart(UriPartial.Authority)}); refusing to send the token there.");
        }

        return next;
    }

    public static bool IsUnder(Uri uri, Uri apiBase) =>
        uri.IsAbsoluteUri &&
        string.Equals(uri.Scheme, apiBase.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(uri.Host, apiBase.Host, StringComparison.OrdinalIgnoreCase) &&
        uri.Port == apiBase.Port;
}
