using Health.Core.GitHub.Sync;
using Microsoft.Extensions.Time.Testing;

namespace Health.Core.Tests.GitHub;

public sealed class SliceBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);

    [Fact]
    public void BudgetSpent_WindsDown_CutAtTwiceTheBudgetOnlyOnceAPageIsSaved()
    {
        var clock = new FakeTimeProvider();
        using var slice = new SliceBudget(Budget, clock, CancellationToken.None);

        clock.Advance(Budget - TimeSpan.FromSeconds(1));
        Assert.False(slice.WindDown.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(slice.WindDown.IsCancellationRequested);

        // Twice the budget, and no page saved yet (one slow page): the slice goes on, or it would never move the sync on.
        clock.Advance(Budget + TimeSpan.FromMinutes(10));
        Assert.False(slice.IsCut);

        slice.PageSaved();
        Assert.True(slice.IsCut); // CancelAsync flags the token at once (its callbacks run after)
        Assert.True(slice.Token.IsCancellationRequested);
    }

    [Fact]
    public void PageSavedEarly_CutAtTwiceTheBudget()
    {
        var clock = new FakeTimeProvider();
        using var slice = new SliceBudget(Budget, clock, CancellationToken.None);
        slice.PageSaved();

        clock.Advance((Budget * 2) - TimeSpan.FromSeconds(1));
        Assert.False(slice.IsCut);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(slice.IsCut); // CancelAsync flags the token at once (its callbacks run after)
    }

    [Fact]
    public void NoBudget_NeverWindsDown_CutOnlyByTheCaller()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var slice = new SliceBudget(null, clock, caller.Token);
        slice.PageSaved();

        clock.Advance(TimeSpan.FromDays(1));
        Assert.False(slice.WindDown.IsCancellationRequested);
        Assert.False(slice.IsCut);

        caller.Cancel();
        Assert.True(slice.IsCut);
    }
}
