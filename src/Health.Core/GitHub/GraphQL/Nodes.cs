using System.Text.Json;
using System.Text.Json.Serialization;

namespace Health.Core.GitHub.GraphQL;

// The shapes of GraphQL answers Health reads, as the query documents in Queries/ ask for them. Ids are fullDatabaseId
// (a BigInt GitHub sends as a string); they equal REST's ids. Mapped to the REST DTOs at once (see NodeMapping).

/// <summary>Any GraphQL answer: data, errors, or both (partial data).</summary>
internal sealed record GraphQLResponse<T>(T? Data, List<GraphQLError>? Errors);

/// <summary>One entry of <c>errors</c>. <see cref="Type"/> is GitHub's classification (RATE_LIMITED, NOT_FOUND, ...).</summary>
internal sealed record GraphQLError(string? Type, string? Message, List<JsonElement>? Path, JsonElement? Extensions);

internal sealed record PageInfoNode(bool HasNextPage, string? EndCursor);

internal sealed record Connection<T>(int? TotalCount, PageInfoNode? PageInfo, List<T?>? Nodes)
{
    /// <summary>The cursor to continue from, or null when this page was the last.</summary>
    public string? NextCursor => PageInfo is { HasNextPage: true, EndCursor.Length: > 0 } ? PageInfo.EndCursor : null;
}

internal sealed record RateLimitNode(int? Cost, int? Remaining, DateTime? ResetAt);

internal sealed record ActorNode([property: JsonPropertyName("__typename")] string? Typename, string? Login, long? DatabaseId);

internal sealed record LabelNode(string? Name);

internal sealed record ReviewNode(long? FullDatabaseId, string? State, DateTime? SubmittedAt, ActorNode? Author);

internal sealed record CommentNode(long? FullDatabaseId, DateTime? CreatedAt, DateTime? UpdatedAt, ActorNode? Author);

internal sealed record ReviewRef(long? FullDatabaseId);

internal sealed record ReviewCommentNode(long? FullDatabaseId, DateTime? CreatedAt, DateTime? UpdatedAt, ActorNode? Author, ReviewRef? PullRequestReview);

internal sealed record ThreadNode(string? Id, Connection<ReviewCommentNode>? Comments);

internal sealed record PullRequestNode(
    string? Id,
    long? FullDatabaseId,
    int Number,
    string? Title,
    string? Body,
    string? State,
    bool? IsDraft,
    string? AuthorAssociation,
    DateTime? CreatedAt,
    DateTime? UpdatedAt,
    DateTime? ClosedAt,
    DateTime? MergedAt,
    int? Additions,
    int? Deletions,
    int? ChangedFiles,
    ActorNode? Author,
    Connection<LabelNode>? Labels,
    Connection<ReviewNode>? Reviews,
    Connection<CommentNode>? Comments,
    Connection<ThreadNode>? ReviewThreads);

internal sealed record IssueNode(
    string? Id,
    long? FullDatabaseId,
    int Number,
    string? Title,
    string? State,
    string? AuthorAssociation,
    DateTime? CreatedAt,
    DateTime? UpdatedAt,
    DateTime? ClosedAt,
    ActorNode? Author,
    Connection<CommentNode>? Comments);

internal sealed record PullRequestsData(RepositoryPullRequests? Repository, RateLimitNode? RateLimit);

internal sealed record RepositoryPullRequests(Connection<PullRequestNode>? PullRequests);

internal sealed record IssuesData(RepositoryIssues? Repository, RateLimitNode? RateLimit);

internal sealed record RepositoryIssues(Connection<IssueNode>? Issues);

/// <summary>A follow-up batch: one entry per alias (a node holding one connection), and the cost block.</summary>
internal sealed class ContinuationData
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Aliases { get; set; }

    public RateLimitNode? RateLimit { get; set; }
}

/// <summary>Compile-time JSON metadata for GraphQL answers (GraphQL's camelCase; BigInt ids as strings).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GraphQLResponse<PullRequestsData>))]
[JsonSerializable(typeof(GraphQLResponse<IssuesData>))]
[JsonSerializable(typeof(GraphQLResponse<ContinuationData>))]
[JsonSerializable(typeof(Connection<ReviewNode>))]
[JsonSerializable(typeof(Connection<CommentNode>))]
[JsonSerializable(typeof(Connection<LabelNode>))]
[JsonSerializable(typeof(Connection<ThreadNode>))]
[JsonSerializable(typeof(Connection<ReviewCommentNode>))]
internal sealed partial class GraphQLJsonContext : JsonSerializerContext;
