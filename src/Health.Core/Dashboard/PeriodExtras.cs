using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;

namespace Health.Core.Dashboard;

/// <summary>
/// The per-period figures METRICS.md does not define, by its rules: periods are ISO weeks or calendar months in UTC,
/// bot-authored PRs are left out of the first-review p90, and an answer stamped before the question counts as 0 hours.
/// Pure: no database, no clock.
/// </summary>
public static class PeriodExtras
{
    /// <param name="starts">The periods' starts, consecutive and ascending.</param>
    /// <param name="prs">PRs (bot-authored ones included) with their derived first review.</param>
    /// <param name="issues">Issues (bot-authored ones included).</param>
    /// <param name="reviews">Qualifying reviews only: submitted (not PENDING), by a human who is not the PR's author.</param>
    public static IReadOnlyList<DashboardPeriod> Compute(
        IReadOnlyList<DateTime> starts,
        PeriodKind kind,
        IEnumerable<PrFact> prs,
        IEnumerable<IssueFact> issues,
        IEnumerable<(long ReviewerId, DateTime SubmittedAt)> reviews)
    {
        var periods = new PeriodIndex(starts, kind);
        var firstReviews = starts.Select(_ => new List<double>()).ToArray();
        var reviewers = starts.Select(_ => new List<long>()).ToArray();
        var botPrs = new int[starts.Count];
        var botIssues = new int[starts.Count];
        foreach (var pr in prs)
        {
            if (periods.Inside(pr.CreatedAt) is not { } i)
            {
                continue;
            }

            if (pr.AuthorIsBot)
            {
                botPrs[i]++;
            }
            else if (pr.FirstReviewAt is { } review)
            {
                firstReviews[i].Add(Hours.Waited(pr.CreatedAt, review));
            }
        }

        foreach (var issue in issues)
        {
            if (issue.AuthorIsBot && periods.Inside(issue.CreatedAt) is { } i)
            {
                botIssues[i]++;
            }
        }

        foreach (var (reviewer, submittedAt) in reviews)
        {
            if (periods.Inside(submittedAt) is { } i)
            {
                reviewers[i].Add(reviewer);
            }
        }

        return starts.Select((start, i) => new DashboardPeriod(
            start,
            Percentiles.P90(firstReviews[i].Order()),
            ReviewLoad.Compute(reviewers[i]),
            botPrs[i],
            botIssues[i])).ToList();
    }
}
