namespace GitHubSimulator;

/// <summary>
/// A pull request. Setting <see cref="State"/>, <see cref="CreatedAt"/> or <see cref="UpdatedAt"/> keeps the
/// server's sorted indexes in step (hold <see cref="World.SyncRoot"/> while the server runs).
/// </summary>
public sealed class SimPull
{
    private string _state = ItemStates.Open;
    private DateTime _createdAt;
    private DateTime _updatedAt;

    public long Id { get; init; }

    /// <summary>The id of the issue that backs the pull request (the <c>id</c> the issues endpoint shows); 0 means "use <see cref="Id"/>".</summary>
    public long IssueId { get; init; }

    public int Number { get; init; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";

    /// <summary>The author; null for a deleted account.</summary>
    public SimAccount? User { get; set; }

    /// <summary>"open" or "closed" (a merged pull request is closed).</summary>
    public string State
    {
        get => _state;
        set
        {
            string old = _state;
            _state = value;
            Index?.OnPullStateChanged(this, old);
        }
    }

    public bool Draft { get; set; }

    public DateTime CreatedAt
    {
        get => _createdAt;
        set
        {
            DateTime old = _createdAt;
            _createdAt = value;
            Index?.OnPullCreatedChanged(this, old);
        }
    }

    public DateTime UpdatedAt
    {
        get => _updatedAt;
        set
        {
            DateTime old = _updatedAt;
            _updatedAt = value;
            Index?.OnPullUpdatedChanged(this, old);
        }
    }

    public DateTime? ClosedAt { get; set; }
    public DateTime? MergedAt { get; set; }
    public string AuthorAssociation { get; set; } = Associations.None;

    /// <summary>Lines added (REST's <c>additions</c> on the single pull request, GraphQL's <c>additions</c>).</summary>
    public int Additions { get; set; }

    public int Deletions { get; set; }
    public int ChangedFiles { get; set; }

    /// <summary>The names of its labels, in the order they were added (see <see cref="LabelCatalog"/>).</summary>
    public List<string> Labels { get; init; } = [];

    internal long IssueKey => IssueId != 0 ? IssueId : Id;

    internal RepoIndex? Index { get; set; }
}

/// <summary>The values of <c>state</c> on pull requests and issues.</summary>
public static class ItemStates
{
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>The values of <c>author_association</c>.</summary>
public static class Associations
{
    public const string Owner = "OWNER";
    public const string Member = "MEMBER";
    public const string Collaborator = "COLLABORATOR";
    public const string Contributor = "CONTRIBUTOR";
    public const string FirstTimeContributor = "FIRST_TIME_CONTRIBUTOR";
    public const string FirstTimer = "FIRST_TIMER";
    public const string None = "NONE";
}
