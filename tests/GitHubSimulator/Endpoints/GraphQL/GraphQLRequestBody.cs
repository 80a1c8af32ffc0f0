using System.Text.Json;
using GraphQL;

namespace GitHubSimulator;

/// <summary>The JSON body of a GraphQL POST: <c>query</c>, <c>variables</c> and <c>operationName</c>.</summary>
internal sealed record GraphQLRequestBody(string? Query, Inputs Variables, string? OperationName)
{
    /// <summary>The body, or null when it is not a JSON object.</summary>
    public static async Task<GraphQLRequestBody?> ReadAsync(Stream body, CancellationToken cancel)
    {
        try
        {
            using JsonDocument doc = await JsonDocument.ParseAsync(body, cancellationToken: cancel);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? query = root.TryGetProperty("query", out JsonElement q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
            string? operation = root.TryGetProperty("operationName", out JsonElement o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            Inputs variables = root.TryGetProperty("variables", out JsonElement v) && v.ValueKind == JsonValueKind.Object
                ? new Inputs((Dictionary<string, object?>)Value(v)!)
                : Inputs.Empty;
            return new GraphQLRequestBody(query, variables, operation);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A JSON value as graphql-dotnet reads variables: dictionaries, lists, strings, numbers, booleans.</summary>
    private static object? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(Value).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number when e.TryGetInt32(out int i) => i,
        JsonValueKind.Number when e.TryGetInt64(out long l) => l,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
