using System.Text.Json.Serialization;

namespace Health.Core.GitHub.Identities;

/// <summary>An installation as <c>GET /app/installations</c> lists it (the fields Health reads).</summary>
internal sealed class InstallationDto
{
    public long Id { get; set; }

    public InstallationAccountDto? Account { get; set; }
}

internal sealed class InstallationAccountDto
{
    public string? Login { get; set; }
}

/// <summary>The answer of <c>POST /app/installations/{id}/access_tokens</c>.</summary>
internal sealed class AccessTokenDto
{
    public string? Token { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>An installation token and when it expires (GitHub: an hour after it was minted).</summary>
internal sealed record InstallationToken(string Token, DateTime ExpiresAt);

/// <summary>Where an app is installed: the installation's id and the account's login.</summary>
internal sealed record Installation(long Id, string Account);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<InstallationDto>))]
[JsonSerializable(typeof(AccessTokenDto))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
