namespace Health.Core.GitHub.Dto;

/// <summary>An item of <c>GET /repos/{o}/{r}/issues/comments</c>; <see cref="IssueUrl"/> names the issue or PR.</summary>
public sealed record IssueCommentDto(long Id, UserDto? User, string? IssueUrl, DateTime? CreatedAt, DateTime? UpdatedAt);
