namespace Health.Core.Storage.Entities;

/// <summary>A comment on a pull request's diff.</summary>
public sealed class ReviewComment
{
    public long Id { get; set; }

    public int RepositoryId { get; set; }

    public int PullNumber { get; set; }

    public long? ReviewId { get; set; }

    public long? AuthorId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
