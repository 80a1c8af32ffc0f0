using System.Text;
using System.Text.RegularExpressions;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// The query documents in Queries/ (embedded resources), each completed with exactly the fragments it uses: GitHub refuses a
/// document that defines a fragment it does not use. Follow-up batches are assembled from the parts of Continuations.graphql.
/// </summary>
internal static partial class GraphQLDocuments
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Fragments = new(() => ParseFragments(Read("Fragments")));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Parts = new(() => ParseParts(Read("Continuations")));

    public static readonly Lazy<string> PullRequests = new(() => Complete(Read("PullRequests")));

    public static readonly Lazy<string> Issues = new(() => Complete(Read("Issues")));

    /// <summary>The part that continues a connection, e.g. <c>PullRequest.reviews</c>, with its alias and variables filled in.</summary>
    public static string Part(string name, string alias, string idVariable, string afterVariable) =>
        (Parts.Value.TryGetValue(name, out var part) ? part : throw new InvalidOperationException($"Continuations.graphql has no part {name}."))
        .Replace("{alias}", alias, StringComparison.Ordinal)
        .Replace("{id}", "$" + idVariable, StringComparison.Ordinal)
        .Replace("{after}", "$" + afterVariable, StringComparison.Ordinal);

    /// <summary>Every part's name (for tests that check each one against GitHub's schema).</summary>
    public static IEnumerable<string> PartNames => Parts.Value.Keys;

    /// <summary>An operation followed by the fragments it uses, directly or through other fragments.</summary>
    public static string Complete(string operation)
    {
        var used = new List<string>();
        var pending = new Queue<string>(Spreads(operation));
        while (pending.TryDequeue(out var name))
        {
            if (used.Contains(name))
            {
                continue;
            }

            var fragment = Fragments.Value.TryGetValue(name, out var text) ? text : throw new InvalidOperationException($"Fragments.graphql has no fragment {name}.");
            used.Add(name);
            foreach (var inner in Spreads(fragment))
            {
                pending.Enqueue(inner);
            }
        }

        var document = new StringBuilder(operation.Trim()).Append('\n');
        foreach (var name in used)
        {
            document.Append('\n').Append(Fragments.Value[name]).Append('\n');
        }

        return document.ToString();
    }

    private static IEnumerable<string> Spreads(string text) =>
        SpreadPattern().Matches(WithoutComments(text)).Select(m => m.Groups[1].Value).Where(n => n != "on");

    private static Dictionary<string, string> ParseFragments(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var body = WithoutComments(text);
        var starts = FragmentPattern().Matches(body).ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1].Index : body.Length;
            result[starts[i].Groups[1].Value] = body[starts[i].Index..end].Trim();
        }

        return result;
    }

    private static Dictionary<string, string> ParseParts(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("#part ", StringComparison.Ordinal))
            {
                name = line["#part ".Length..].Trim();
            }
            else if (name is not null && line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            {
                result[name] = line.Trim();
                name = null;
            }
        }

        return result;
    }

    private static string WithoutComments(string text) => CommentPattern().Replace(text, string.Empty);

    private static string Read(string name)
    {
        using var stream = typeof(GraphQLDocuments).Assembly.GetManifestResourceStream($"Health.Core.GraphQL.{name}.graphql")
            ?? throw new InvalidOperationException($"The query document {name}.graphql is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.\.\.\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SpreadPattern();

    [GeneratedRegex(@"^\s*fragment\s+([A-Za-z_][A-Za-z0-9_]*)\s+on\s", RegexOptions.Multiline)]
    private static partial Regex FragmentPattern();

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex CommentPattern();
}
