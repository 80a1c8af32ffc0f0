namespace GitHubSimulator;

/// <summary>An issue (not a pull request). Its number comes from the same sequence as the pull requests'.</summary>
public sealed class SimIssue
{
    private string _state = ItemStates.Open;
    private DateTime _createdAt;
    private DateTime _updatedAt;

    public long Id { get; init; }
    public int Number { get; init; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public SimAccount? User { get; set; }

    public string State
    {
        get => _state;
        set
        {
            string old = _state;
            _state = value;
            Index?.OnIssueStateChanged(this, old);
        }
    }

    public DateTime CreatedAt
    {
        get => _createdAt;
        set
        {
            DateTime old = _createdAt;
            _createdAt = value;
            Index?.OnIssueCreatedChanged(this, old);
        }
    }

    public DateTime UpdatedAt
    {
        get => _updatedAt;
        set
        {
            DateTime old = _updatedAt;
            _updatedAt = value;
            Index?.OnIssueUpdatedChanged(this, old);
        }
    }

    public DateTime? ClosedAt { get; set; }

    /// <summary>"completed" or "not_planned" once closed; null while open.</summary>
    public string? StateReason { get; set; }

    public string AuthorAssociation { get; set; } = Associations.None;

    internal RepoIndex? Index { get; set; }
}
