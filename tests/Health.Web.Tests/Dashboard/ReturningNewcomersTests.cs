using Health.Core.Dashboard;

namespace Health.Web.Tests.Dashboard;

/// <summary>Monthly newcomer cohorts on hand-made first PRs.</summary>
public sealed class ReturningNewcomersTests
{
    private static DateTime At(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Compute_TwoCohorts_CellIsShareWithAnotherPrThatMonth()
    {
        var first = new Dictionary<long, DateTime> { [1] = At(2025, 1, 5), [2] = At(2025, 1, 20), [3] = At(2025, 2, 1), [4] = At(2024, 6, 1) };
        (long, DateTime)[] prs =
        [
            (1, At(2025, 1, 5)), (1, At(2025, 1, 25)), (1, At(2025, 3, 2)), (1, At(2025, 3, 9)),
            (2, At(2025, 1, 20)), (2, At(2026, 1, 3)),
            (3, At(2025, 2, 1)), (3, At(2025, 2, 1)),
            (4, At(2025, 1, 10)),
        ];

        var rows = ReturningNewcomers.Compute(first, prs, At(2025, 1, 1), At(2025, 2, 1), lastSyncAt: At(2026, 6, 1));

        Assert.Equal([At(2025, 1, 1), At(2025, 2, 1)], rows.Select(r => r.Month));
        var january = rows[0];
        Assert.Equal(2, january.Newcomers);
        Assert.Equal(13, january.Shares.Count);
        Assert.Equal(0.5, january.Shares[0]); // account 1, later in January
        Assert.Equal(0.0, january.Shares[1]);
        Assert.Equal(0.5, january.Shares[2]); // account 1 twice in March: counted once
        Assert.Equal(0.5, january.Shares[12]); // account 2, January 2026
        Assert.Equal(1, rows[1].Newcomers);
        Assert.Equal(0.0, rows[1].Shares[0]); // a PR in the same second as the first is no other PR
    }

    [Fact]
    public void Compute_MonthNotEndedBeforeLastSync_CellBlank()
    {
        var first = new Dictionary<long, DateTime> { [1] = At(2025, 1, 5) };

        var rows = ReturningNewcomers.Compute(first, [(1, At(2025, 2, 3))], At(2025, 1, 1), At(2025, 1, 1), lastSyncAt: At(2025, 2, 15));

        Assert.Equal(0.0, rows[0].Shares[0]);
        Assert.Null(rows[0].Shares[1]);
        Assert.All(rows[0].Shares.Skip(1), Assert.Null);
    }

    [Fact]
    public void Compute_EmptyCohort_RowWithBlankCells()
    {
        var rows = ReturningNewcomers.Compute(new Dictionary<long, DateTime>(), [], At(2025, 1, 1), At(2025, 3, 1), lastSyncAt: At(2026, 6, 1));

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(0, r.Newcomers));
        Assert.All(rows.SelectMany(r => r.Shares), Assert.Null);
    }
}
