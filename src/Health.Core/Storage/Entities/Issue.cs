namespace Health.Core.Storage.Entities;

/// <summary>An issue that is not a pull request.</summary>
public sealed class Issue
{
    public long Id { get; set; }

    public int RepositoryId { get; set; }

    public int Number { get; set; }

    public long? AuthorId { get; set; }

    public required string Title { get; set; }

    public required string State { get; set; }

    public string? AuthorAssociation { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>Derived after each sync: the first comment by a human who is not the author.</summary>
    public DateTime? FirstResponseAt { get; set; }

    /// <summary>The <see cref="DerivedState.Sequence"/> of the derivation that last wrote this issue's facts.</summary>
    public long FactsSequence { get; set; }
}
