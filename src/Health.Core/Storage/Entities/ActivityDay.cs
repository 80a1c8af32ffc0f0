namespace Health.Core.Storage.Entities;

/// <summary>
/// Derived after each sync: a day on which an account contributed to a repository (authored a PR or issue,
/// submitted a review, wrote a comment). Contributor figures count these instead of every contribution.
/// </summary>
public sealed class ActivityDay
{
    public int RepositoryId { get; set; }

    public long AccountId { get; set; }

    /// <summary>The UTC day, at 00:00.</summary>
    public DateTime Day { get; set; }

    /// <summary>The <see cref="DerivedState.Sequence"/> of the derivation that added this day.</summary>
    public long Sequence { get; set; }
}
