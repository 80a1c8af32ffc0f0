namespace GitHubSimulator;

/// <summary>A repository label as GitHub shows it (REST's label object, GraphQL's <c>Label</c>).</summary>
public sealed record SimLabel(string Name, string Color, string? Description, bool IsDefault);

/// <summary>The labels generated worlds use (GitHub's defaults plus a few common ones); other names get a plain look.</summary>
public static class LabelCatalog
{
    public const string Dependencies = "dependencies";

    private static readonly SimLabel[] Known =
    [
        new("bug", "d73a4a", "Something isn't working", true),
        new("enhancement", "a2eeef", "New feature or request", true),
        new("documentation", "0075ca", "Improvements or additions to documentation", true),
        new("good first issue", "7057ff", "Good for newcomers", true),
        new("performance", "fbca04", "Faster or leaner", false),
        new("refactoring", "c5def5", null, false),
        new("tests", "0e8a16", "Test coverage and fixtures", false),
        new("ci", "bfdadc", "Build and continuous integration", false),
        new("breaking change", "b60205", "Changes behaviour callers rely on", false),
        new(Dependencies, "0366d6", "Pull requests that update a dependency file", false),
    ];

    /// <summary>The names a generated human pull request draws from (not <see cref="Dependencies"/>, which bots use).</summary>
    public static IReadOnlyList<string> HumanLabels { get; } = Known.Where(l => l.Name != Dependencies).Select(l => l.Name).ToArray();

    public static SimLabel Get(string name) =>
        Array.Find(Known, l => string.Equals(l.Name, name, StringComparison.Ordinal)) ?? new SimLabel(name, "ededed", null, false);

    /// <summary>A stable id for the label <paramref name="name"/> of a repository (GitHub's ids are per repository).</summary>
    public static long Id(SimRepository repo, string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 16777619;
        }

        return 1_000_000_000L + ((repo.Id % 1000) * 4_000_000L) + (hash % 4_000_000);
    }
}
