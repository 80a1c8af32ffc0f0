namespace Health.Core.GitHub.Dto;

/// <summary><c>GET /repos/{o}/{r}</c>: the canonical name and the id.</summary>
public sealed record RepositoryDto(long Id, string? Name, string? FullName, UserDto? Owner, bool Private);
