namespace Health.Core.Storage.Entities;

/// <summary>
/// Where one stream of one repository stands. Saved in the same transaction as the page it describes,
/// so data and cursor always move together.
/// </summary>
public sealed class SyncCursor
{
    public int RepositoryId { get; set; }

    public SyncStream Stream { get; set; }

    /// <summary>Items updated before this moment are known (GitHub's clock, minus an overlap). Null until the first complete pass.</summary>
    public DateTime? Watermark { get; set; }

    /// <summary>The next page of an unfinished pass (absolute URL from the Link header); null when no pass is in progress.</summary>
    public string? NextPageUrl { get; set; }

    /// <summary>
    /// The GraphQL cursor after the last page saved of an unfinished GraphQL pass; null when none is in progress.
    /// A pass is in progress through REST (<see cref="NextPageUrl"/>) or through GraphQL, never both: a pass started
    /// the other way is abandoned and read again from the top (the watermark stays).
    /// </summary>
    public string? NextCursor { get; set; }

    /// <summary>A pass is in progress, through either API.</summary>
    public bool PassInProgress => NextPageUrl is not null || NextCursor is not null;

    /// <summary>GitHub's Date at the first page of the pass in progress.</summary>
    public DateTime? PassStartedAt { get; set; }

    /// <summary>ETag of the first page of the last complete pass: an unchanged stream answers 304.</summary>
    public string? FirstPageETag { get; set; }

    /// <summary>ETag seen on the first page of the pass in progress; becomes <see cref="FirstPageETag"/> when the pass completes.</summary>
    public string? PendingETag { get; set; }

    /// <summary>Pages and items read in the pass in progress (for progress after a resume).</summary>
    public int PassPages { get; set; }

    public int PassItems { get; set; }

    /// <summary>Total pages the pass will read, from the first page's rel="last" link, when known.</summary>
    public int? PassTotalPages { get; set; }
}

public enum SyncStream
{
    PullRequests = 0,
    Issues = 1,
    IssueComments = 2,
    ReviewComments = 3,
}
