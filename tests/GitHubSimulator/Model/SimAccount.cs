namespace GitHubSimulator;

/// <summary>
/// A GitHub account: a user, a bot or an organization. A class rather than a record so that a rename
/// (<see cref="World.RenameAccount"/>) shows in every object that refers to the account.
/// </summary>
public sealed class SimAccount
{
    public SimAccount(long id, string login, string type = AccountTypes.User)
    {
        ArgumentException.ThrowIfNullOrEmpty(login);
        ArgumentException.ThrowIfNullOrEmpty(type);
        Id = id;
        Login = login;
        Type = type;
    }

    public long Id { get; }

    /// <summary>The current login; change it with <see cref="World.RenameAccount"/>.</summary>
    public string Login { get; internal set; }

    /// <summary>"User", "Bot", "Organization" or "Mannequin".</summary>
    public string Type { get; }

    /// <summary>When the account was created (shown by <c>/users/{login}</c>).</summary>
    public DateTime CreatedAt { get; init; } = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public void Deconstruct(out long id, out string login, out string type)
    {
        id = Id;
        login = Login;
        type = Type;
    }

    public override string ToString() => $"{Login} ({Type} {Id})";
}

/// <summary>The values of <see cref="SimAccount.Type"/>.</summary>
public static class AccountTypes
{
    public const string User = "User";
    public const string Bot = "Bot";
    public const string Organization = "Organization";

    /// <summary>A placeholder for an imported author who has no GitHub account (GraphQL's <c>Mannequin</c>).</summary>
    public const string Mannequin = "Mannequin";
}
