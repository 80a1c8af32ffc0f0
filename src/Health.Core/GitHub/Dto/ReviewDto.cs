namespace Health.Core.GitHub.Dto;

/// <summary>An item of <c>GET /repos/{o}/{r}/pulls/{n}/reviews</c>.</summary>
public sealed record ReviewDto(long Id, UserDto? User, string? State, DateTime? SubmittedAt);
