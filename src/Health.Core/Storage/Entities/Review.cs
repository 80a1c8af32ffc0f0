namespace Health.Core.Storage.Entities;

public sealed class Review
{
    public long Id { get; set; }

    public int RepositoryId { get; set; }

    public int PullNumber { get; set; }

    public long? AuthorId { get; set; }

    /// <summary>APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING.</summary>
    public required string State { get; set; }

    /// <summary>Null while the review is pending.</summary>
    public DateTime? SubmittedAt { get; set; }
}
