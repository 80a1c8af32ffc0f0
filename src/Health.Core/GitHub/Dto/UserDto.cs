namespace Health.Core.GitHub.Dto;

/// <summary>GitHub's simple-user, as much of it as Health keeps.</summary>
public sealed record UserDto(long Id, string? Login, string? Type);
