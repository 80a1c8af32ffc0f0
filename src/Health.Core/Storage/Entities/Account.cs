namespace Health.Core.Storage.Entities;

/// <summary>A GitHub account, keyed by its numeric id; <see cref="Login"/> is the latest one seen.</summary>
public sealed class Account
{
    public long Id { get; set; }

    public required string Login { get; set; }

    /// <summary>GitHub's <c>type</c>: User, Bot, Organization.</summary>
    public required string Type { get; set; }

    /// <summary>Type Bot, a <c>[bot]</c> login or a configured extra bot login.</summary>
    public bool IsBot { get; set; }

    /// <summary>GitHub's placeholder for deleted accounts (login <c>ghost</c>).</summary>
    public bool IsDeleted { get; set; }
}
