namespace Health.Core.Metrics;

/// <summary>
/// METRICS.md's newcomer rule, in one place: each human author's (not a bot, not deleted) first PR in a repository is the one
/// created earliest; a PR created at that moment is their first (ties at the second are all first). The metrics' newcomers
/// and retention, the intake's origins, the cohorts and the newcomers list all read it from here.
/// </summary>
public static class FirstPullRequests
{
    /// <summary>The creation time of each human author's first PR among <paramref name="prs"/>.</summary>
    public static Dictionary<long, DateTime> Of(IEnumerable<PrFact> prs)
    {
        var first = new Dictionary<long, DateTime>();
        foreach (var p in prs)
        {
            if (p.AuthorId is { } author && !p.AuthorIsBot && !p.AuthorIsDeleted && (!first.TryGetValue(author, out var at) || p.CreatedAt < at))
            {
                first[author] = p.CreatedAt;
            }
        }

        return first;
    }
}
