using Health.Core.Export;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;

namespace Health.Core.Tests.Metrics;

/// <summary>The intake figures of one hand-built month, each worked out by hand from METRICS.md.</summary>
public sealed class IntakeCalculatorTests
{
    private static readonly DateTime Sync = T(30, 12);

    [Fact]
    public void Compute_HandBuiltJune_MatchesTheRowWorkedOutByHand()
    {
        PrFact[] prs =
        [
            // #1 alice, a maintainer: merged, answered after 2 h (met), 2 responses.
            Pr(1, T(1, 10), merged: T(2, 10), firstResponse: T(1, 12), maintainer: true, responses: 2),
            // #2 bob's first PR: closed unmerged, answered after 72 h (not met, decided), 3 responses.
            Pr(2, T(3, 0), closed: T(5, 0), firstResponse: T(6, 0), responses: 3),
            // #3 bob again (returning): open, unanswered, decided (created + 48 h before the sync).
            Pr(2, T(10, 0)),
            // #4 carol with an agent marker: merged, unanswered, decided.
            Pr(3, T(20, 0), merged: T(21, 0), agent: true),
            // #5 a bot: merged, 1 response; never in the target figures.
            Pr(4, T(5, 0), merged: T(6, 0), bot: true, responses: 1),
            // #6 a deleted author (no origin): closed unmerged, answered before it was opened (0 h: met), 1 response (not counted: no origin).
            Pr(null, T(7, 0), closed: T(8, 0), firstResponse: T(6, 0), responses: 1),
            // #7 dave's first PR, opened 24 h before the sync: not answered, not decided yet.
            Pr(5, T(29, 12)),
        ];

        var row = IntakeCalculator.Compute("acme/demo", new MetricsFacts(prs, [], [], T(1, 10), Sync), PeriodKind.Month, Sync, TimeSpan.FromHours(48), new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30)).Single();

        // Opened by origin: maintainer 1, returning 1, newcomer 2 (#2, #7), agent 1, bot 1 (#6 has none).
        // Finished: #1 merged, #2 unmerged, #4 merged, #5 merged, #6 unmerged → rates 1, blank, 0, 1, 1.
        // Responses on finished PRs of an origin 2 + 3 + 0 + 1 = 6 (#6 has none), on unmerged 3 → 0.5000.
        // Target: counted #1 #2 #3 #4 #6 #7; met #1 #6 → 2; decided also #2 #3 #4 → 5 → 0.4000.
        Assert.Equal(
            "acme/demo,2025-06-01,1,1,2,1,1,1.0000,,0.0000,1.0000,1.0000,6,3,0.5000,2,5,0.4000",
            string.Join(",", IntakeCsv.Cells(row)));
    }

    [Fact]
    public void Origin_FollowsTheRulesInOrder()
    {
        var first = new Dictionary<long, DateTime> { [1] = T(1, 0) };

        Assert.Equal(PrOrigin.Agent, PrOrigins.Of(Pr(4, T(2, 0), bot: true, agent: true), first));
        Assert.Equal(PrOrigin.Agent, PrOrigins.Of(Pr(null, T(2, 0), agent: true), first));
        Assert.Equal(PrOrigin.Bot, PrOrigins.Of(Pr(4, T(2, 0), bot: true, maintainer: true), first));
        Assert.Null(PrOrigins.Of(Pr(null, T(2, 0), maintainer: true), first));
        Assert.Equal(PrOrigin.Maintainer, PrOrigins.Of(Pr(1, T(1, 0), maintainer: true), first));
        Assert.Equal(PrOrigin.Newcomer, PrOrigins.Of(Pr(1, T(1, 0)), first));
        Assert.Equal(PrOrigin.Returning, PrOrigins.Of(Pr(1, T(3, 0)), first));
    }

    private static PrFact Pr(
        long? author, DateTime created, DateTime? closed = null, DateTime? merged = null, DateTime? firstResponse = null,
        bool bot = false, bool agent = false, bool maintainer = false, int responses = 0) =>
        new(author, bot, false, created, closed ?? merged, merged, firstResponse, null, agent, maintainer, responses);

    private static DateTime T(int day, int hour) => new(2025, 6, day, hour, 0, 0, DateTimeKind.Utc);
}
