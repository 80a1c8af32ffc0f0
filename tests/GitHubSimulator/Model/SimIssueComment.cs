namespace GitHubSimulator;

/// <summary>A comment in the conversation of an issue or a pull request.</summary>
public sealed class SimIssueComment
{
    private DateTime _createdAt;
    private DateTime _updatedAt;

    public long Id { get; init; }

    /// <summary>The number of the issue or pull request commented on.</summary>
    public int IssueNumber { get; init; }

    public SimAccount? User { get; set; }

    public DateTime CreatedAt
    {
        get => _createdAt;
        set
        {
            DateTime old = _createdAt;
            _createdAt = value;
            Index?.OnIssueCommentCreatedChanged(this, old);
        }
    }

    public DateTime UpdatedAt
    {
        get => _updatedAt;
        set
        {
            DateTime old = _updatedAt;
            _updatedAt = value;
            Index?.OnIssueCommentUpdatedChanged(this, old);
        }
    }

    public string Body { get; set; } = "";
    public string AuthorAssociation { get; set; } = Associations.None;

    internal RepoIndex? Index { get; set; }
}
