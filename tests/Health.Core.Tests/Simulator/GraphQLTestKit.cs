using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Health.Core.Tests.Simulator;

/// <summary>
/// The product's GraphQL documents (read from src/Health.Core/GitHub/GraphQL/Queries, each completed with the fragments
/// it uses) and a small client that posts them to the simulator.
/// </summary>
internal static partial class GraphQLTestKit
{
    private static readonly Lazy<string> QueriesFolder = new(() => Path.Combine(RepoRoot(), "src", "Health.Core", "GitHub", "GraphQL", "Queries"));

    public static string PullRequestsQuery => Complete(PullRequestsOperation);

    /// <summary>The PullRequests operation alone (without its fragments).</summary>
    public static string PullRequestsOperation => Read("PullRequests");

    public static string IssuesQuery => Complete(Read("Issues"));

    /// <summary>
    /// A follow-up batch as the product builds it: one aliased part per (part name, node id, cursor), the
    /// <c>rateLimit</c> fields, and only the fragments used. <c>$threadComments</c> is declared when a part uses it.
    /// </summary>
    public static (string Query, Dictionary<string, object?> Variables) Continuation(int threadComments, params (string Part, string Id, string? After)[] parts)
    {
        Dictionary<string, string> templates = Parts();
        var declarations = new List<string>();
        var body = new StringBuilder();
        var variables = new Dictionary<string, object?>();
        for (int i = 0; i < parts.Length; i++)
        {
            declarations.Add($"$id{i}: ID!");
            declarations.Add($"$after{i}: String");
            variables[$"id{i}"] = parts[i].Id;
            variables[$"after{i}"] = parts[i].After;
            body.Append("  ").Append(templates[parts[i].Part]
                .Replace("{alias}", $"c{i}", StringComparison.Ordinal)
                .Replace("{id}", $"$id{i}", StringComparison.Ordinal)
                .Replace("{after}", $"$after{i}", StringComparison.Ordinal)).Append('\n');
        }

        if (body.ToString().Contains("$threadComments", StringComparison.Ordinal))
        {
            declarations.Insert(0, "$threadComments: Int!");
            variables["threadComments"] = threadComments;
        }

        string operation = $"query Continue({string.Join(", ", declarations)}) {{\n{body}  rateLimit {{ ...RateLimitFields }}\n}}";
        return (Complete(operation), variables);
    }

    /// <summary>An operation followed by the fragments it uses, directly or through other fragments.</summary>
    public static string Complete(string operation)
    {
        Dictionary<string, string> fragments = Fragments();
        var used = new List<string>();
        var pending = new Queue<string>(Spreads(operation));
        while (pending.TryDequeue(out string? name))
        {
            if (!used.Contains(name))
            {
                used.Add(name);
                foreach (string inner in Spreads(fragments[name]))
                {
                    pending.Enqueue(inner);
                }
            }
        }

        return operation.Trim() + "\n\n" + string.Join("\n\n", used.Select(n => fragments[n])) + "\n";
    }

    /// <summary>The variables of the page queries for acme/widgets, plus <paramref name="sizes"/> (first, children, ...).</summary>
    public static Dictionary<string, object?> Vars(object sizes)
    {
        var variables = new Dictionary<string, object?> { ["owner"] = "acme", ["name"] = "widgets", ["after"] = null };
        foreach (System.Reflection.PropertyInfo property in sizes.GetType().GetProperties())
        {
            variables[property.Name] = property.GetValue(sizes);
        }

        return variables;
    }

    public static HttpClient Client(string token = "t")
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", token);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Health-Tests/1.0");
        return client;
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(
        HttpClient client, Uri uri, string query, object? variables = null)
    {
        HttpResponseMessage response = await client.PostAsJsonAsync(uri, new { query, variables });
        string text = await response.Content.ReadAsStringAsync();
        JsonElement body = text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response, body);
    }

    /// <summary>The folder that holds the repository (the one with Health.sln), found from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Health.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Health.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Read(string name) => StripComments(File.ReadAllText(Path.Combine(QueriesFolder.Value, name + ".graphql")));

    private static Dictionary<string, string> Fragments()
    {
        string text = Read("Fragments");
        List<Match> starts = FragmentStart().Matches(text).ToList();
        var result = new Dictionary<string, string>();
        for (int i = 0; i < starts.Count; i++)
        {
            int end = i + 1 < starts.Count ? starts[i + 1].Index : text.Length;
            result[starts[i].Groups[1].Value] = text[starts[i].Index..end].Trim();
        }

        return result;
    }

    private static Dictionary<string, string> Parts()
    {
        var result = new Dictionary<string, string>();
        string? name = null;
        foreach (string line in File.ReadAllLines(Path.Combine(QueriesFolder.Value, "Continuations.graphql")))
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

    private static IEnumerable<string> Spreads(string text) =>
        Spread().Matches(text).Select(m => m.Groups[1].Value).Where(n => n != "on").Distinct();

    private static string StripComments(string text) => Comment().Replace(text, "");

    [GeneratedRegex(@"\.\.\.\s*([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Spread();

    [GeneratedRegex(@"^\s*fragment\s+([A-Za-z_][A-Za-z0-9_]*)\s+on\s", RegexOptions.Multiline)]
    private static partial Regex FragmentStart();

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex Comment();
}
