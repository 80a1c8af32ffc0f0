using GraphQLParser;

namespace GitHubSimulator;

/// <summary>
/// One entry of a response's <c>errors</c>, in GitHub's shape: <c>type</c> (GitHub's own key: NOT_FOUND,
/// RATE_LIMITED, ...), <c>path</c>, <c>extensions</c> (validation: <c>code</c> like undefinedField and its details),
/// <c>locations</c> and <c>message</c>.
/// </summary>
internal sealed record GraphQLErrorInfo(string Message)
{
    public string? Type { get; init; }

    /// <summary>A top-level <c>code</c> (RATE_LIMITED answers carry <c>graphql_rate_limit</c>).</summary>
    public string? Code { get; init; }

    public IReadOnlyList<object>? Path { get; init; }
    public IReadOnlyList<KeyValuePair<string, object?>>? Extensions { get; init; }
    public IReadOnlyList<Location>? Locations { get; init; }
}
