using System.Text.Json;

namespace Health.Core.GitHub.Dto;

/// <summary>An item of <c>GET /repos/{o}/{r}/issues</c>; items with a <c>pull_request</c> key are pull requests.</summary>
public sealed record IssueDto(
    long Id,
    int Number,
    string? Title,
    UserDto? User,
    string? State,
    string? AuthorAssociation,
    DateTime? CreatedAt,
    DateTime? UpdatedAt,
    DateTime? ClosedAt,
    JsonElement? PullRequest)
{
    public bool IsPullRequest => PullRequest is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
}
