namespace Health.Core.GitHub.Dto;

/// <summary><c>GET /repos/{o}/{r}</c> and the owner listings: the canonical name, the id, and whether it is private.</summary>
public sealed record RepositoryDto(long Id, string? Name, string? FullName, UserDto? Owner, bool Private);
