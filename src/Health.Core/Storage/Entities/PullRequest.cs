namespace Health.Core.Storage.Entities;

public sealed class PullRequest
{
    /// <summary>GitHub's id of the pull request.</summary>
    public long Id { get; set; }

    public int RepositoryId { get; set; }

    public int Number { get; set; }

    /// <summary>Null when the author's account was deleted.</summary>
    public long? AuthorId { get; set; }

    public required string Title { get; set; }

    public required string State { get; set; }

    public bool Draft { get; set; }

    public string? AuthorAssociation { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public DateTime? MergedAt { get; set; }

    public int? Additions { get; set; }

    public int? Deletions { get; set; }

    /// <summary>Files changed; like <see cref="Additions"/> and <see cref="Deletions"/>, null where the collector could not see it (REST's list).</summary>
    public int? ChangedFiles { get; set; }

    /// <summary>The description as last synced (the intake metrics look in it for agent disclosure markers).</summary>
    public string? Body { get; set; }

    /// <summary>The label names as last synced, a JSON array in GitHub's order; null before a collector saw them.</summary>
    public string? Labels { get; set; }

    /// <summary>Derived after each sync (see <c>Metrics/DerivedFacts</c>): the first review, issue comment or review comment by a human who is not the author.</summary>
    public DateTime? FirstResponseAt { get; set; }

    /// <summary>Derived: the first submitted review by a human who is not the author.</summary>
    public DateTime? FirstReviewAt { get; set; }

    /// <summary>
    /// Derived: written by an AI coding agent, by its author's login (<c>Health:AgentLogins</c>) or a disclosure marker in its
    /// body (<c>Health:AgentMarkers</c>).
    /// </summary>
    public bool IsAgent { get; set; }

    /// <summary>Derived: the responses it received (submitted reviews, comments, review comments by humans other than its author), whenever made.</summary>
    public int Responses { get; set; }

    /// <summary>The <see cref="DerivedState.Sequence"/> of the derivation that last wrote this PR's facts: a cache of them reads only what is newer.</summary>
    public long FactsSequence { get; set; }

    /// <summary>The <see cref="UpdatedAt"/> at which this PR's reviews were last read completely; reviews are re-read only when it differs.</summary>
    public DateTime? ReviewsReadAt { get; set; }
}
