using System.Text.RegularExpressions;
using Health.Core.GitHub;

namespace Health.Web.Access;

/// <summary>
/// <c>Access:Operators</c> and <c>Access:Readers</c>: each entry a GitHub login or organisation (<c>name</c>), a team
/// (<c>org/team-slug</c>), or for readers a keyword: <c>public</c>, <c>signed-in</c>, <c>operators</c>. A name matches a
/// person whose login it is or who is a member of the organisation of that name.
/// </summary>
public static partial class AccessLists
{
    public const string Public = "public";
    public const string SignedIn = "signed-in";
    public const string OperatorsOnly = "operators";

    public static bool IsKeyword(string entry, string keyword) => string.Equals(entry.Trim(), keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether someone signed in as <paramref name="login"/>, member of <paramref name="orgs"/> and <paramref name="teams"/> (<c>org/slug</c>), is on the list.</summary>
    /// <remarks>A keyword is never a name: a GitHub account or organisation called <c>operators</c> matches nothing.</remarks>
    public static bool Matches(IEnumerable<string> entries, string login, IReadOnlySet<string> orgs, IReadOnlySet<string> teams) =>
        entries.Select(e => e.Trim()).Any(e =>
            IsKeyword(e, SignedIn)
            || (!IsKeyword(e, Public) && !IsKeyword(e, OperatorsOnly)
                && (e.Contains('/', StringComparison.Ordinal) ? teams.Contains(e) : string.Equals(e, login, StringComparison.OrdinalIgnoreCase) || orgs.Contains(e))));

    /// <summary>Whether the list needs to know organisations or teams (so sign-in asks GitHub for them).</summary>
    public static bool NeedsMemberships(IEnumerable<string> entries) => entries.Any(e => !IsKeyword(e, Public) && !IsKeyword(e, SignedIn) && !IsKeyword(e, OperatorsOnly));

    /// <summary>One line for each entry that is not a login, an organisation, a team or (for readers) a keyword.</summary>
    public static IEnumerable<string> Problems(IEnumerable<string> entries, string key, bool readers)
    {
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            var keyword = IsKeyword(entry, Public) || IsKeyword(entry, SignedIn) || IsKeyword(entry, OperatorsOnly);
            if (keyword && readers)
            {
                continue;
            }

            if (keyword)
            {
                yield return $"{key}: '{raw}' is a keyword of Access:Readers, not a GitHub login, organisation or org/team.";
                continue;
            }

            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var valid = slash < 0
                ? RepositoryName.IsValidOwner(entry)
                : RepositoryName.IsValidOwner(entry[..slash]) && TeamSlug().IsMatch(entry[(slash + 1)..]);
            if (!valid)
            {
                yield return $"{key}: '{raw}' is not a GitHub login, organisation or org/team{(readers ? ", nor public, signed-in or operators" : string.Empty)}.";
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex TeamSlug();
}
