namespace Health.Core.Storage.Entities;

/// <summary>A repository Health collects. <see cref="Id"/> is our key; <see cref="GitHubId"/> is GitHub's.</summary>
public sealed class TrackedRepository
{
    public int Id { get; set; }

    public long GitHubId { get; set; }

    public required string Owner { get; set; }

    public required string Name { get; set; }

    /// <summary><c>owner/name</c> in lower case: the unique key a user types.</summary>
    public required string FullNameKey { get; set; }

    public DateTime AddedAt { get; set; }

    /// <summary>ETag of <c>GET /repos/{o}/{r}</c>, so an unchanged repository costs a 304.</summary>
    public string? ETag { get; set; }

    public string FullName => $"{Owner}/{Name}";
}
