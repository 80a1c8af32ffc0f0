using Health.Core.Metrics;
using Health.Web.Components.Pages.Overview;
using Health.Web.Components.Pages.Repositories;

namespace Health.Web.Tests.Components.Overview;

/// <summary>The overview card flags a repository that missed its first-response target in the last complete month.</summary>
public sealed class OverviewTargetTests
{
    private static readonly DateTime November = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(18, 20, "Missed its 48 h first-response target for 2 of 20 PRs")]
    [InlineData(20, 20, null)]
    [InlineData(0, 0, null)]
    public void WithTarget_LastMonthsFigures_FlagOnlyWhenAJudgedPrWasNotAnsweredInTime(int met, int decided, string? expected)
    {
        var card = new OverviewCard("acme", "widgets", November, [], RowState.Idle, null);

        var flagged = card.WithTarget([Row(November.AddMonths(-1), 0, 5), Row(November, met, decided)], TimeSpan.FromHours(48));

        Assert.True(flagged.TargetKnown);
        Assert.Equal(expected, flagged.TargetMiss);
    }

    [Fact]
    public void WithTarget_FactsNotInMemoryYet_UnknownUntilAskedAgain()
    {
        var card = new OverviewCard("acme", "widgets", November, [], RowState.Idle, null);

        var unknown = card.WithTarget(null, TimeSpan.FromHours(48));

        Assert.False(unknown.TargetKnown);
        Assert.Null(unknown.TargetMiss);
    }

    private static IntakeRow Row(DateTime month, int met, int decided) => new(
        "acme/widgets", month,
        PrOrigins.Columns.ToDictionary(o => o, _ => 0), PrOrigins.Columns.ToDictionary(o => o, _ => (double?)null),
        0, 0, null, met, decided, decided == 0 ? null : met / (double)decided,
        PrSizes.All.ToDictionary(z => z, _ => (double?)null));
}
