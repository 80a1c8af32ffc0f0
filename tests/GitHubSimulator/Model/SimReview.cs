namespace GitHubSimulator;

/// <summary>A pull request review.</summary>
public sealed class SimReview
{
    public long Id { get; init; }
    public int PullNumber { get; init; }
    public SimAccount? User { get; set; }

    /// <summary>APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING.</summary>
    public string State { get; set; } = ReviewStates.Commented;

    /// <summary>Null for a PENDING review.</summary>
    public DateTime? SubmittedAt { get; set; }

    public string Body { get; set; } = "";
    public string AuthorAssociation { get; set; } = Associations.None;
}

/// <summary>The values of <see cref="SimReview.State"/>.</summary>
public static class ReviewStates
{
    public const string Approved = "APPROVED";
    public const string ChangesRequested = "CHANGES_REQUESTED";
    public const string Commented = "COMMENTED";
    public const string Dismissed = "DISMISSED";
    public const string Pending = "PENDING";
}
