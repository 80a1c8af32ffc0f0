using Health.Core.Metrics;

namespace Health.Core.Tests.Metrics;

public sealed class NewcomerCohortsTests
{
    private static readonly DateTime Jan = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static PrFact Pr(long? author, DateTime at, bool bot = false, bool deleted = false) => new(author, bot, deleted, at, null, null, null, null);

    private static MetricsFacts Facts(PrFact[] prs, ActivityFact[] activity, DateTime? lastSync) =>
        new(prs, [], activity, prs.Length == 0 ? null : prs.Min(p => p.CreatedAt), lastSync);

    [Fact]
    public void CohortIsTheMonthOfTheFirstPr_SharesCountAnyActivityMonthsOn_BlankUntilTheMonthEndedBeforeTheSync()
    {
        var prs = new[]
        {
            Pr(1, Jan.AddDays(3)), Pr(1, Jan.AddMonths(2)), // 1's first PR is in January; the later one does not move them
            Pr(2, Jan.AddDays(20)),
            Pr(3, Jan.AddMonths(1).AddDays(1)),
            Pr(4, Jan.AddDays(5), bot: true), Pr(5, Jan.AddDays(6), deleted: true), Pr(null, Jan.AddDays(7)), // not newcomers
        };
        var activity = new[]
        {
            new ActivityFact(1, Jan.AddMonths(1).AddDays(9)), // February: January's cohort, 1 month on
            new ActivityFact(2, Jan.AddMonths(1)),
            new ActivityFact(1, Jan.AddMonths(2).AddDays(2)), // March: 2 months on, 1 of 2
            new ActivityFact(3, Jan.AddMonths(2).AddDays(2)), // March: February's cohort, 1 month on
        };

        var rows = NewcomerCohorts.Compute("acme/widgets", Facts(prs, activity, lastSync: new DateTime(2025, 4, 15, 0, 0, 0, DateTimeKind.Utc)), now: new DateTime(2025, 4, 20, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal([Jan, Jan.AddMonths(1), Jan.AddMonths(2), Jan.AddMonths(3)], rows.Select(r => r.Month));
        Assert.All(rows, r => Assert.Equal("acme/widgets", r.Repo));
        Assert.Equal([2, 1, 0, 0], rows.Select(r => r.Newcomers));
        // January: February and March have ended before the sync (1.0, 0.5); April has not (blank), nor later months.
        Assert.Equal([1.0, 0.5, null, null, null], rows[0].ActiveAfter);
        Assert.Equal([1.0, null, null, null, null], rows[1].ActiveAfter);
        Assert.Equal([null, null, null, null, null], rows[2].ActiveAfter); // an empty cohort has no share
    }

    [Fact]
    public void WithoutASuccessfulSyncEveryShareIsBlank_AndNoHumanPrMeansNoRows()
    {
        var rows = NewcomerCohorts.Compute("r", Facts([Pr(1, Jan)], [new ActivityFact(1, Jan.AddMonths(1))], lastSync: null), now: Jan.AddYears(2));
        Assert.Equal(25, rows.Count);
        Assert.All(rows, r => Assert.All(r.ActiveAfter, Assert.Null));

        Assert.Empty(NewcomerCohorts.Compute("r", Facts([Pr(9, Jan, bot: true)], [], Jan.AddYears(1)), Jan.AddYears(1)));
    }
}
