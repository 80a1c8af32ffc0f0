namespace GitHubSimulator;

/// <summary>
/// A repository and everything in it. Add items through <see cref="World"/>'s methods; items added to the lists
/// directly are picked up too (the server re-indexes when a list's count changes), under <see cref="World.SyncRoot"/>.
/// </summary>
public sealed class SimRepository
{
    private RepoIndex? _index;

    public SimRepository(long id, string owner, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Id = id;
        Owner = owner;
        Name = name;
        FullName = owner + "/" + name;
    }

    public long Id { get; }

    /// <summary>The owner's login.</summary>
    public string Owner { get; }

    public string Name { get; }
    public string FullName { get; }
    public bool Private { get; set; }
    public string Description { get; set; } = "";
    public string DefaultBranch { get; set; } = "main";
    public DateTime CreatedAt { get; set; } = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public DateTime PushedAt { get; set; } = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public List<SimPull> Pulls { get; } = [];
    public List<SimReview> Reviews { get; } = [];
    public List<SimIssueComment> IssueComments { get; } = [];
    public List<SimReviewComment> ReviewComments { get; } = [];
    public List<SimIssue> Issues { get; } = [];

    /// <summary>Ids of the accounts whose author_association is MEMBER (the maintainers).</summary>
    public HashSet<long> Members { get; } = [];

    /// <summary>Logins granted read access by <see cref="World.GrantRead"/> (any case).</summary>
    internal HashSet<string> Readers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Merged pull requests per author id (drives CONTRIBUTOR vs FIRST_TIME_CONTRIBUTOR).</summary>
    internal Dictionary<long, int> MergedByAuthor { get; } = [];

    /// <summary>The up-to-date index, rebuilt when the lists changed behind its back. Caller holds the world lock.</summary>
    internal RepoIndex GetIndex()
    {
        if (_index is null || !_index.Matches(this))
        {
            _index = new RepoIndex(this);
        }

        return _index;
    }

    public override string ToString() => FullName;
}
