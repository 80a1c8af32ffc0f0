namespace Health.Core.Dashboard;

/// <summary>
/// Review load: how much of a period's reviewing rests on its busiest reviewers. Counted over submitted reviews
/// (not PENDING) by human accounts (not bots, not deleted) that are not the PR's author.
/// </summary>
public static class ReviewLoad
{
    /// <summary>
    /// The shares of the reviews made by the top 1, 3 and 10 reviewers (by number of reviews), each from 0 to 1;
    /// null when there are no reviews. With fewer reviewers than the top N, the share is 1.
    /// </summary>
    /// <param name="reviewerIdsOfReviews">One reviewer id per review (repeated for a reviewer of several).</param>
    public static ReviewLoadShares Compute(IEnumerable<long> reviewerIdsOfReviews)
    {
        ArgumentNullException.ThrowIfNull(reviewerIdsOfReviews);
        var counts = new Dictionary<long, int>();
        foreach (var id in reviewerIdsOfReviews)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var total = counts.Values.Sum();
        var ranked = counts.Values.OrderByDescending(c => c).ToList();
        return new ReviewLoadShares(total, counts.Count, Top(ranked, 1, total), Top(ranked, 3, total), Top(ranked, 10, total));
    }

    private static double? Top(List<int> ranked, int n, int total) =>
        total == 0 ? null : (double)ranked.Take(n).Sum() / total;
}

/// <summary>A period's review load: how many reviews and reviewers, and the shares of the top 1, 3 and 10 reviewers (null without reviews).</summary>
public readonly record struct ReviewLoadShares(int Reviews, int Reviewers, double? Top1, double? Top3, double? Top10);
