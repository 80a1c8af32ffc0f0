namespace Health.Core.GitHub.Dto;

/// <summary>
/// An item of <c>GET /repos/{o}/{r}/pulls</c> (pull-request-simple), and what the GraphQL collector maps its pull
/// requests to. The REST list carries no sizes: <see cref="Additions"/>, <see cref="Deletions"/> and
/// <see cref="ChangedFiles"/> stay null there.
/// </summary>
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
    int? Deletions,
    int? ChangedFiles = null,
    string? Body = null,
    IReadOnlyList<LabelDto>? Labels = null);

/// <summary>A label on an issue or pull request.</summary>
public sealed record LabelDto(string? Name);
