namespace Health.Core.Metrics;

/// <summary>A pull request as the metrics see it (bot-authored ones included; the calculator leaves them out).</summary>
/// <param name="IsAgent">Written by an AI coding agent (by login or disclosure marker; derived).</param>
/// <param name="ByMaintainer">Its <c>author_association</c> was OWNER, MEMBER or COLLABORATOR at the last sync.</param>
/// <param name="Responses">The responses it received, whenever made (derived).</param>
/// <param name="Size">Lines added plus deleted, when GitHub said both.</param>
public sealed record PrFact(
    long? AuthorId,
    bool AuthorIsBot,
    bool AuthorIsDeleted,
    DateTime CreatedAt,
    DateTime? ClosedAt,
    DateTime? MergedAt,
    DateTime? FirstResponseAt,
    DateTime? FirstReviewAt,
    bool IsAgent = false,
    bool ByMaintainer = false,
    int Responses = 0,
    int? Size = null);

/// <summary>An issue (not a PR) as the metrics see it.</summary>
public sealed record IssueFact(bool AuthorIsBot, DateTime CreatedAt, DateTime? ClosedAt, bool IsClosed, DateTime? FirstResponseAt);

/// <summary>A review that counts as review load: submitted (not PENDING), by a human who is not the PR's author.</summary>
public readonly record struct ReviewFact(long ReviewerId, DateTime SubmittedAt);

/// <summary>A day on which a human (not bot, not deleted) account contributed.</summary>
public readonly record struct ActivityFact(long AccountId, DateTime Day);

/// <summary>Everything one metrics computation reads, for one repository or a group.</summary>
public sealed record MetricsFacts(
    IReadOnlyList<PrFact> PullRequests,
    IReadOnlyList<IssueFact> Issues,
    IReadOnlyList<ActivityFact> Activity,
    DateTime? FirstActivity,
    DateTime? LastSyncAt);
