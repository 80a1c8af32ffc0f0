namespace Health.Core.GitHub.Dto;

/// <summary>An item of <c>GET /repos/{o}/{r}/pulls</c> (pull-request-simple).</summary>
public sealed record PullDto(
    long Id,
    int Number,
    string? Title,
    UserDto? User,
    string? State,
    bool? Draft,
    string? AuthorAssociation,
    DateTime? CreatedAt,
    DateTime? UpdatedAt,
    DateTime? ClosedAt,
    DateTime? MergedAt,
    int? Additions,
    int? Deletions);
