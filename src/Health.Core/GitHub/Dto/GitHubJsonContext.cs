using System.Text.Json.Serialization;

namespace Health.Core.GitHub.Dto;

/// <summary>Compile-time JSON metadata for the shapes Health reads: no reflection on the hot path of a backfill.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<PullDto>))]
[JsonSerializable(typeof(List<ReviewDto>))]
[JsonSerializable(typeof(List<IssueDto>))]
[JsonSerializable(typeof(List<IssueCommentDto>))]
[JsonSerializable(typeof(List<ReviewCommentDto>))]
[JsonSerializable(typeof(RepositoryDto))]
[JsonSerializable(typeof(List<RepositoryDto>))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
