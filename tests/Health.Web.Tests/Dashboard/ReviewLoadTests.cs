using Health.Core.Dashboard;

namespace Health.Web.Tests.Dashboard;

/// <summary>The review-load shares on plain lists of reviewer ids.</summary>
public sealed class ReviewLoadTests
{
    [Fact]
    public void Compute_NoReviews_AllSharesBlank()
    {
        var load = ReviewLoad.Compute([]);

        Assert.Equal(new ReviewLoadShares(0, 0, null, null, null), load);
    }

    [Fact]
    public void Compute_TwelveReviewers_TopSharesOfTheBusiest()
    {
        // Reviewer 1: 9 reviews, 2: 5, 3: 4, then 4..12 one each (9 reviews): 27 in all.
        long[] ids = [.. Enumerable.Repeat(1L, 9), .. Enumerable.Repeat(2L, 5), .. Enumerable.Repeat(3L, 4), .. Enumerable.Range(4, 9).Select(i => (long)i)];

        var load = ReviewLoad.Compute(ids);

        Assert.Equal(27, load.Reviews);
        Assert.Equal(12, load.Reviewers);
        Assert.Equal(9.0 / 27, load.Top1!.Value, 10);
        Assert.Equal(18.0 / 27, load.Top3!.Value, 10);
        Assert.Equal(25.0 / 27, load.Top10!.Value, 10);
    }

    [Fact]
    public void Compute_FewerReviewersThanTopN_ShareIsWhole()
    {
        var load = ReviewLoad.Compute([5, 6, 5]);

        Assert.Equal(2.0 / 3, load.Top1!.Value, 10);
        Assert.Equal(1.0, load.Top3);
        Assert.Equal(1.0, load.Top10);
    }
}
