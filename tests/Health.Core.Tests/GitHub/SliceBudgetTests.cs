using Health.Core.GitHub.Sync;
using Microsoft.Extensions.Time.Testing;

namespace Health.Core.Tests.GitHub;

public sealed class SliceBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);

    [Fact]
    public void BudgetSpent_WindsDown_NotCutWhileAStreamAwaitsItsFirstPage_HoweverManyTheOtherLaneSaved()
    {
        var clock = new FakeTimeProvider();
        using var slice = new SliceBudget(Budget, clock, CancellationToken.None);
        using var issues = slice.Begin();
        using var pulls = slice.Begin();
        issues.PageSaved();
        issues.PageSaved();

        clock.Advance(Budget - TimeSpan.FromSeconds(1));
        Assert.False(slice.WindDown.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(slice.WindDown.IsCancellationRequested);

        // Twice the budget, and the pull requests' first page not saved yet (a slow page): cut now, and the next slice
        // would be cut at the same page, for ever.
        clock.Advance(Budget + TimeSpan.FromMinutes(10));
        Assert.False(slice.IsCut);

        pulls.PageSaved();
        Assert.True(slice.IsCut); // CancelAsync flags the token at once (its callbacks run after)
        Assert.True(slice.Token.IsCancellationRequested);
    }

    [Fact]
    public void EveryStreamSavedAPage_CutAtTwiceTheBudget()
    {
        var clock = new FakeTimeProvider();
        using var slice = new SliceBudget(Budget, clock, CancellationToken.None);
        using var pulls = slice.Begin();
        pulls.PageSaved();

        clock.Advance((Budget * 2) - TimeSpan.FromSeconds(1));
        Assert.False(slice.IsCut);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(slice.IsCut);
    }

    [Fact]
    public void AStreamEndingWithoutAPage_SettlesToo()
    {
        var clock = new FakeTimeProvider();
        using var slice = new SliceBudget(Budget, clock, CancellationToken.None);
        var comments = slice.Begin();

        clock.Advance(Budget * 2);
        Assert.False(slice.IsCut);

        comments.Dispose(); // not modified, or failed: nothing more to wait for
        Assert.True(slice.IsCut);
    }

    [Fact]
    public void NoBudget_NeverWindsDown_CutOnlyByTheCaller()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var slice = new SliceBudget(null, clock, caller.Token);
        using (var pulls = slice.Begin())
        {
            pulls.PageSaved();
        }

        clock.Advance(TimeSpan.FromDays(1));
        Assert.False(slice.WindDown.IsCancellationRequested);
        Assert.False(slice.IsCut);

        caller.Cancel();
        Assert.True(slice.IsCut);
    }
}
