using Health.Core.Metrics;

namespace Health.Core.Dashboard;

/// <summary>
/// When repositories last saw activity: the latest time a pull request or issue was opened, closed or merged, a review
/// submitted, or a person (not a bot) commented (comments to the day). Read from the facts <see cref="MetricsService"/>
/// keeps in memory, the same the charts are computed from, so it costs no query of its own beyond their versions.
/// </summary>
public static class LastActivity
{
    /// <summary>The latest activity of any of <paramref name="repositoryIds"/>, or null when they hold none.</summary>
    public static async Task<DateTime?> LastActivityAsync(this MetricsService metrics, IReadOnlyCollection<int> repositoryIds, CancellationToken ct)
    {
        DateTime? last = null;
        foreach (var id in repositoryIds.Distinct())
        {
            last = Later(last, Of(await metrics.FactsOfAsync(id, ct)));
        }

        return last;
    }

    private static DateTime? Of(RepositoryFacts facts)
    {
        DateTime? last = null;
        foreach (var p in facts.PullRequests)
        {
            last = Later(Later(Later(last, p.CreatedAt), p.ClosedAt), p.MergedAt);
        }

        foreach (var i in facts.Issues)
        {
            last = Later(Later(last, i.CreatedAt), i.ClosedAt);
        }

        foreach (var r in facts.Reviews)
        {
            last = Later(last, r.SubmittedAt);
        }

        foreach (var a in facts.Activity)
        {
            last = Later(last, a.Day);
        }

        return last;
    }

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null || b > a ? b : a;
}
