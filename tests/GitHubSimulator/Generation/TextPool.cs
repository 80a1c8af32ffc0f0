namespace GitHubSimulator;

/// <summary>Canned, shared strings for titles, bodies, logins and paths (shared instances keep big worlds small).</summary>
internal static class TextPool
{
    private static readonly string[] PullBodies =
    [
        "This change fixes the issue described in the linked ticket.\n\n- adds a test\n- updates the docs",
        "Small refactoring, no behaviour change.",
        "Follow-up to the previous PR: addresses the review comments.",
        "Closes a long-standing bug. See the discussion in the issue for context.",
        "",
        "Performance improvement: avoids an allocation on the hot path.\n\nBenchmarks attached below.",
        "WIP: opening early to get feedback on the approach.",
        "Updates the CI configuration and bumps the tool versions.",
    ];

    private static readonly string[] IssueBodies =
    [
        "Steps to reproduce:\n1. Open the app\n2. Click the button\n\nExpected: it works. Actual: it crashes.",
        "It would be nice to have an option for this.",
        "The documentation for this feature seems out of date.",
        "Seeing intermittent failures in CI since the last release.",
        "",
        "Question: is this the intended behaviour? It surprised me.",
    ];

    private static readonly string[] CommentBodies =
    [
        "Thanks for the contribution!", "LGTM", "Could you add a test for this?", "I think this needs a rebase.",
        "Good catch.", "What about the edge case where the list is empty?", "+1, we hit this too.",
        "Merged, thanks!", "Can you share the stack trace?", "I'll take a look tomorrow.",
        "CI is green now.", "Closing as duplicate.", "Is this still relevant?", "Nice work :tada:",
        "Please sign the CLA.", "This broke the build on Windows, see the log.",
    ];

    private static readonly string[] ReviewCommentBodies =
    [
        "nit: naming", "This could be `readonly`.", "Can this be null here?", "Please extract this into a method.",
        "Consider using a `using` declaration.", "Typo in the comment.", "Why is this needed?",
        "This allocates on every call.", "Suggestion: early return.", "Missing a test for this branch.",
    ];

    private static readonly string[] FilePaths =
    [
        "src/Core/Parser.cs", "src/Core/Lexer.cs", "src/Api/Controllers/OrdersController.cs", "src/Api/Startup.cs",
        "src/Storage/Repository.cs", "tests/Core.Tests/ParserTests.cs", "docs/README.md", "build/ci.yml",
        "src/Web/wwwroot/app.js", "src/Web/Pages/Index.cshtml", "src/Core/Cache/LruCache.cs", "Directory.Build.props",
    ];

    private static readonly string[] Verbs =
    [
        "Fix", "Add", "Improve", "Refactor", "Remove", "Update", "Speed up", "Document", "Simplify", "Handle",
    ];

    private static readonly string[] Objects =
    [
        "null reference in parser", "retry logic for HTTP client", "cache eviction", "login redirect",
        "CSV export", "pagination of search results", "time zone handling", "flaky integration test",
        "logging configuration", "error messages", "build script", "memory leak in watcher",
        "dark mode", "config validation", "startup time", "API rate limiting",
    ];

    private static readonly string[] Packages =
    [
        "Newtonsoft.Json", "Serilog", "xunit", "Moq", "Polly", "Dapper", "AutoMapper", "FluentAssertions",
        "actions/checkout", "actions/setup-dotnet", "eslint", "typescript", "webpack", "lodash",
    ];

    public static readonly string[] FirstNames =
    [
        "alex", "sam", "jordan", "taylor", "casey", "riley", "morgan", "jamie", "avery", "quinn", "maria", "li",
        "ahmed", "yuki", "olga", "pierre", "fatima", "ivan", "chen", "sofia", "lucas", "emma", "noah", "mia",
        "liam", "ana", "kofi", "amara", "raj", "priya", "diego", "elena", "jonas", "freya", "tariq", "leila",
        "mateo", "nina", "omar", "hana", "erik", "ines", "tom", "zoe", "ben", "eva", "dan", "ada", "kai", "lea",
        "marco", "julia", "felix", "clara", "hugo", "rosa", "max", "ella", "leo", "ivy", "sven", "mila", "ali",
        "nora", "paul", "iris", "aiko", "bruno", "carla", "dmitri", "greta", "hector", "ingrid", "jakub", "kira",
    ];

    public static readonly string[] LastNames =
    [
        "smith", "garcia", "mueller", "rossi", "kim", "nguyen", "silva", "kowalski", "ivanov", "tanaka", "dubois",
        "jensen", "novak", "haddad", "okafor", "patel", "singh", "lopez", "berg", "costa", "fischer", "moreau",
        "wang", "chen", "santos", "weber", "lind", "horvat", "yilmaz", "sato", "brown", "martin", "khan", "ali",
        "park", "lee", "schmidt", "nilsson", "popescu", "dias", "mendes", "varga", "larsen", "rahman", "ozturk",
    ];

    public static string PullBody(long seed) => PullBodies[Pick(seed, PullBodies.Length)];
    public static string IssueBody(long seed) => IssueBodies[Pick(seed, IssueBodies.Length)];
    public static string CommentBody(long seed) => CommentBodies[Pick(seed, CommentBodies.Length)];
    public static string ReviewCommentBody(long seed) => ReviewCommentBodies[Pick(seed, ReviewCommentBodies.Length)];
    public static string FilePath(long seed) => FilePaths[Pick(seed, FilePaths.Length)];

    public static string ReviewBody(string state, long seed) => state switch
    {
        ReviewStates.Approved => (seed % 3) switch { 0 => "", 1 => "LGTM", _ => "Looks good to me, thanks!" },
        ReviewStates.ChangesRequested => "A few things to address before this can go in.",
        ReviewStates.Dismissed => "Outdated review.",
        _ => (seed % 2) == 0 ? "" : "Some comments inline.",
    };

    public static string PullTitle(Random rng) =>
        $"{Verbs[rng.Next(Verbs.Length)]} {Objects[rng.Next(Objects.Length)]}";

    public static string IssueTitle(Random rng) => rng.Next(3) switch
    {
        0 => $"Bug: {Objects[rng.Next(Objects.Length)]} fails",
        1 => $"Feature request: better {Objects[rng.Next(Objects.Length)]}",
        _ => $"Question about {Objects[rng.Next(Objects.Length)]}",
    };

    public static string BotTitle(string login, Random rng)
    {
        string package = Packages[rng.Next(Packages.Length)];
        int major = rng.Next(1, 9);
        int minor = rng.Next(0, 20);
        return login switch
        {
            "dependabot[bot]" => $"Bump {package} from {major}.{minor}.0 to {major}.{minor + 1}.0",
            "renovate[bot]" => $"Update dependency {package} to v{major + 1}",
            _ => $"chore: sync CI configuration ({package})",
        };
    }

    private static int Pick(long seed, int length) => (int)((ulong)(seed * 2654435761L) % (ulong)length);
}
