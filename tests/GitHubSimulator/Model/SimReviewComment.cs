namespace GitHubSimulator;

/// <summary>A comment on a line of a pull request's diff, usually part of a review.</summary>
public sealed class SimReviewComment
{
    private DateTime _createdAt;
    private DateTime _updatedAt;

    public long Id { get; init; }
    public int PullNumber { get; init; }
    public long? ReviewId { get; set; }
    public SimAccount? User { get; set; }

    public DateTime CreatedAt
    {
        get => _createdAt;
        set
        {
            DateTime old = _createdAt;
            _createdAt = value;
            Index?.OnReviewCommentCreatedChanged(this, old);
        }
    }

    public DateTime UpdatedAt
    {
        get => _updatedAt;
        set
        {
            DateTime old = _updatedAt;
            _updatedAt = value;
            Index?.OnReviewCommentUpdatedChanged(this, old);
        }
    }

    public string Body { get; set; } = "";
    public string AuthorAssociation { get; set; } = Associations.None;

    /// <summary>The file the comment is on.</summary>
    public string Path { get; set; } = "src/main.cs";

    public int Line { get; set; } = 1;

    internal RepoIndex? Index { get; set; }
}
