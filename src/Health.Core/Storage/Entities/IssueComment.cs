namespace Health.Core.Storage.Entities;

/// <summary>A comment from the issues comment stream: on an issue or on a pull request (by <see cref="Number"/>).</summary>
public sealed class IssueComment
{
    public long Id { get; set; }

    public int RepositoryId { get; set; }

    /// <summary>The issue or pull request number, from the comment's <c>issue_url</c>.</summary>
    public int Number { get; set; }

    public long? AuthorId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
