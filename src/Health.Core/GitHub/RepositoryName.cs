using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Health.Core.GitHub;

/// <summary>An <c>owner/name</c> that GitHub could accept, checked before anything is asked or written.</summary>
public sealed partial record RepositoryName(string Owner, string Name)
{
    public const string Expected =
        "expected OWNER/NAME, e.g. dotnet/runtime: the owner is 1-39 letters, digits or single hyphens (not at either end), the name 1-100 letters, digits, '.', '-' or '_'";

    public string FullName => $"{Owner}/{Name}";

    /// <summary>The case-insensitive key GitHub uses for the name.</summary>
    public string Key => FullName.ToLowerInvariant();

    public override string ToString() => FullName;

    public static bool TryParse(string? text, [NotNullWhen(true)] out RepositoryName? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        var parts = (text ?? string.Empty).Trim().Split('/');
        if (parts.Length != 2)
        {
            error = $"'{text}' is not a repository name: {Expected}.";
            return false;
        }

        if (!IsValidOwner(parts[0]))
        {
            error = $"'{parts[0]}' is not a valid GitHub owner in '{text}': {Expected}.";
            return false;
        }

        if (!NamePattern().IsMatch(parts[1]) || parts[1] is "." or "..")
        {
            error = $"'{parts[1]}' is not a valid repository name in '{text}': {Expected}.";
            return false;
        }

        name = new RepositoryName(parts[0], parts[1]);
        error = null;
        return true;
    }

    public static bool IsValidOwner(string owner) => OwnerPattern().IsMatch(owner) && !owner.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$")]
    private static partial Regex OwnerPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex NamePattern();
}
