using Health.Core.Metrics.Formulas;

namespace Health.Core.Tests.Metrics.Formulas;

public class BusFactorTests
{
    private const long A = 1, B = 2, C = 3, D = 4;

    private static long[] Prs(params (long Author, int Count)[] authors) =>
        authors.SelectMany(a => Enumerable.Repeat(a.Author, a.Count)).ToArray();

    [Fact]
    public void Compute_Empty_IsNull()
    {
        Assert.Null(BusFactor.Compute([]));
    }

    [Fact]
    public void Compute_TiedLeadersOfEight_IsTwo()
    {
        // A:3, B:3, C:2 of 8; half is 4: A alone covers 3 < 4, A + B cover 6 ≥ 4.
        Assert.Equal(2, BusFactor.Compute(Prs((A, 3), (B, 3), (C, 2))));
    }

    [Fact]
    public void Compute_TwoAccountsOneEach_IsOne()
    {
        // A:1, B:1 of 2; half is 1, which either one covers.
        Assert.Equal(1, BusFactor.Compute(Prs((A, 1), (B, 1))));
    }

    [Fact]
    public void Compute_SingleAuthor_IsOne()
    {
        Assert.Equal(1, BusFactor.Compute(Prs((A, 4))));
    }

    [Fact]
    public void Compute_LeaderExactlyHalf_IsOne()
    {
        // A:3, B:1, C:1, D:1 of 6; A covers exactly half.
        Assert.Equal(1, BusFactor.Compute(Prs((A, 3), (B, 1), (C, 1), (D, 1))));
    }

    [Fact]
    public void Compute_FourTiedAccounts_IsTwo()
    {
        // A:2, B:2, C:2, D:2 of 8; any two of the tied accounts cover exactly half.
        Assert.Equal(2, BusFactor.Compute(Prs((A, 2), (B, 2), (C, 2), (D, 2))));
    }

    [Fact]
    public void Compute_OddTotalTieStraddlingHalf_IsTwo()
    {
        // A:2, B:2, C:1 of 5; half is 2.5: one account covers 2 < 2.5, two cover 4.
        Assert.Equal(2, BusFactor.Compute(Prs((A, 2), (B, 2), (C, 1))));
    }

    [Fact]
    public void Compute_OrderOfPrs_DoesNotMatter()
    {
        long[] interleaved = [C, A, B, C, A, B, A, B];

        Assert.Equal(2, BusFactor.Compute(interleaved));
        Assert.Equal(2, BusFactor.Compute(interleaved.Reverse()));
    }

    [Fact]
    public void Compute_ManySingleAuthors_IsHalfRoundedUp()
    {
        // 5 accounts with one PR each; half of 5 is 2.5 → 3 accounts.
        Assert.Equal(3, BusFactor.Compute([A, B, C, D, 5]));
    }
}
