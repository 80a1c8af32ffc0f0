namespace Health.Core.Metrics.Formulas;

/// <summary>CHAOSS Time to First Response: when a pull request or issue was first answered.</summary>
/// <remarks>
/// A candidate counts as a response when its account is known (<see cref="ResponseCandidate.ActorId"/>
/// not null), is not a bot, is not deleted and is not the author; when its time is known; and, for a
/// review, when its state is not PENDING (compared ignoring case; a review with no state is taken as
/// submitted). When the author is unknown (<c>authorId</c> null, a deleted account), nobody can be
/// recognised as the author, so every other qualifying account's response counts.
/// A response dated before the item's creation cannot happen on GitHub; if the data holds one (clock
/// skew, an edited record) it still counts, and its time is clamped to <c>createdAt</c>, so the time
/// to first response is 0 hours, never negative.
/// </remarks>
public static class FirstResponse
{
    private const string PendingState = "PENDING";

    /// <summary>
    /// The time of the earliest candidate of any kind that counts as a response (see the remarks),
    /// clamped to be no earlier than <paramref name="createdAt"/>; null when none counts.
    /// </summary>
    /// <param name="createdAt">When the pull request or issue was created (UTC).</param>
    /// <param name="authorId">Its author's account id; null when the author is deleted.</param>
    /// <param name="candidates">Its reviews and comments, in any order.</param>
    public static DateTime? Find(DateTime createdAt, long? authorId, IEnumerable<ResponseCandidate> candidates) =>
        Earliest(createdAt, authorId, candidates, reviewsOnly: false);

    /// <summary>
    /// As <see cref="Find"/>, but only reviews count (for the time to first review): the time of the
    /// earliest submitted review by an account that is known, not a bot, not deleted and not the
    /// author; null when there is none.
    /// </summary>
    public static DateTime? FindReview(DateTime createdAt, long? authorId, IEnumerable<ResponseCandidate> candidates) =>
        Earliest(createdAt, authorId, candidates, reviewsOnly: true);

    /// <summary>Whether <paramref name="candidate"/> counts as a response to an item by <paramref name="authorId"/>.</summary>
    public static bool Counts(ResponseCandidate candidate, long? authorId)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return candidate.ActorId is { } actor
            && !candidate.ActorIsBot
            && !candidate.ActorIsDeleted
            && actor != authorId
            && candidate.At is not null
            && (candidate.Kind != ResponseKind.Review
                || !string.Equals(candidate.ReviewState, PendingState, StringComparison.OrdinalIgnoreCase));
    }

    private static DateTime? Earliest(DateTime createdAt, long? authorId, IEnumerable<ResponseCandidate> candidates, bool reviewsOnly)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        DateTime? earliest = null;
        foreach (var candidate in candidates)
        {
            if ((reviewsOnly && candidate.Kind != ResponseKind.Review) || !Counts(candidate, authorId))
            {
                continue;
            }

            var at = candidate.At!.Value;
            if (earliest is null || at < earliest.Value)
            {
                earliest = at;
            }
        }

        return earliest is { } first && first < createdAt ? createdAt : earliest;
    }
}
