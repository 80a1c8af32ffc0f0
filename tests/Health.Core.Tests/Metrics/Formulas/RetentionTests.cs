using Health.Core.Metrics.Formulas;

namespace Health.Core.Tests.Metrics.Formulas;

public class RetentionTests
{
    private static readonly DateTime First = new(2024, 1, 10, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Window_IsExactly2160Hours()
    {
        Assert.Equal(2160.0, Retention.Window.TotalHours);
    }

    [Fact]
    public void IsRetained_ExactlyNinetyDaysLater_IsRetained()
    {
        Assert.True(Retention.IsRetained(First, [First.AddHours(2160)]));
    }

    [Fact]
    public void IsRetained_NinetyDaysAndOneSecondLater_IsNotRetained()
    {
        Assert.False(Retention.IsRetained(First, [First.AddHours(2160).AddSeconds(1)]));
    }

    [Fact]
    public void IsRetained_SameInstantAsFirst_IsNotRetained()
    {
        Assert.False(Retention.IsRetained(First, [First]));
    }

    [Fact]
    public void IsRetained_OneSecondLater_IsRetained()
    {
        Assert.True(Retention.IsRetained(First, [First, First.AddSeconds(1)]));
    }

    [Fact]
    public void IsRetained_OnlyEarlierOrLatePrs_IsNotRetained()
    {
        Assert.False(Retention.IsRetained(First, [First.AddDays(-1), First.AddDays(91)]));
    }

    [Fact]
    public void IsRetained_NoOtherPrs_IsNotRetained()
    {
        Assert.False(Retention.IsRetained(First, []));
    }

    [Fact]
    public void RetentionIsFinal_NinetyDaysNotYetPassed_IsFalse()
    {
        var periodEnd = new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.False(Retention.RetentionIsFinal(periodEnd, periodEnd.AddDays(90).AddSeconds(-1)));
    }

    [Fact]
    public void RetentionIsFinal_ExactlyNinetyDaysPassed_IsTrue()
    {
        var periodEnd = new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.True(Retention.RetentionIsFinal(periodEnd, periodEnd.AddDays(90)));
        Assert.True(Retention.RetentionIsFinal(periodEnd, periodEnd.AddDays(400)));
    }

    [Fact]
    public void RetentionIsFinal_PeriodEndNearMaxValue_DoesNotOverflow()
    {
        var max = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);

        Assert.False(Retention.RetentionIsFinal(max, max));
    }
}
