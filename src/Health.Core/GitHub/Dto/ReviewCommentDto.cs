namespace Health.Core.GitHub.Dto;

/// <summary>An item of <c>GET /repos/{o}/{r}/pulls/comments</c>.</summary>
public sealed record ReviewCommentDto(
    long Id,
    UserDto? User,
    string? PullRequestUrl,
    long? PullRequestReviewId,
    DateTime? CreatedAt,
    DateTime? UpdatedAt);
