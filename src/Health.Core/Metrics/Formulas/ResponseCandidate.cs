namespace Health.Core.Metrics.Formulas;

/// <summary>A review or comment that may be the first response to a pull request or issue.</summary>
/// <param name="ActorId">The numeric id of the account that wrote it; null when the account is unknown (deleted).</param>
/// <param name="ActorIsBot">Whether that account is a bot (METRICS.md's bot rule).</param>
/// <param name="ActorIsDeleted">Whether that account is deleted (GitHub's <c>ghost</c>).</param>
/// <param name="At">When it was made (UTC): a review's <c>submitted_at</c> (null while pending), a comment's <c>created_at</c>.</param>
/// <param name="Kind">Review, issue comment or review comment.</param>
/// <param name="ReviewState">A review's state (e.g. APPROVED, PENDING); ignored for comments.</param>
public sealed record ResponseCandidate(
    long? ActorId,
    bool ActorIsBot,
    bool ActorIsDeleted,
    DateTime? At,
    ResponseKind Kind,
    string? ReviewState);
