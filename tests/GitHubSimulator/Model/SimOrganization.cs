namespace GitHubSimulator;

/// <summary>
/// An organization's members and teams, as <see cref="World.AddOrgMember"/> and <see cref="World.AddTeamMember"/>
/// recorded them. The organization need not be an account; logins are compared case-insensitively.
/// </summary>
internal sealed class SimOrganization
{
    public SimOrganization(string login, long madeUpId, DateTime createdAt)
    {
        Login = login;
        MadeUpId = madeUpId;
        CreatedAt = createdAt;
    }

    /// <summary>The login as first given.</summary>
    public string Login { get; }

    /// <summary>The id shown when the world has no Organization account of that login.</summary>
    public long MadeUpId { get; }

    public DateTime CreatedAt { get; }

    public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Teams by slug.</summary>
    public Dictionary<string, SimTeam> Teams { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A team of a <see cref="SimOrganization"/>: its slug (also its name) and its members' logins.</summary>
internal sealed class SimTeam
{
    public SimTeam(long id, string slug, SimOrganization organization, DateTime createdAt)
    {
        Id = id;
        Slug = slug;
        Organization = organization;
        CreatedAt = createdAt;
    }

    public long Id { get; }
    public string Slug { get; }
    public SimOrganization Organization { get; }
    public DateTime CreatedAt { get; }
    public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);
}
