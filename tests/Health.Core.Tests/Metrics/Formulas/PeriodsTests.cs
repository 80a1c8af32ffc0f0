using Health.Core.Metrics.Formulas;

namespace Health.Core.Tests.Metrics.Formulas;

public class PeriodsTests
{
    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    [Fact]
    public void StartOf_WeekAcrossYearBoundary_IsMondayOfPreviousYear()
    {
        // 2021-01-01 is a Friday in ISO week 2020-W53, which starts on Monday 2020-12-28.
        Assert.Equal(Utc(2020, 12, 28), Periods.StartOf(Utc(2021, 1, 1, 15, 30), PeriodKind.Week));
    }

    [Theory]
    [InlineData(2024, 3, 4, 0, 0, 0)]     // Monday midnight is its own start
    [InlineData(2024, 3, 6, 12, 0, 0)]    // Wednesday
    [InlineData(2024, 3, 10, 23, 59, 59)] // Sunday, last second of the week
    public void StartOf_DaysOfOneWeek_AreMondayMidnight(int year, int month, int day, int hour, int minute, int second)
    {
        Assert.Equal(Utc(2024, 3, 4), Periods.StartOf(Utc(year, month, day, hour, minute, second), PeriodKind.Week));
    }

    [Fact]
    public void StartOf_SundayBeforeMonday_IsPreviousMonday()
    {
        Assert.Equal(Utc(2024, 3, 4), Periods.StartOf(Utc(2024, 3, 10, 23, 59, 59).AddTicks(9_999_999), PeriodKind.Week));
        Assert.Equal(Utc(2024, 3, 11), Periods.StartOf(Utc(2024, 3, 11), PeriodKind.Week));
    }

    [Fact]
    public void StartOf_MonthBoundaries_AreFirstOfMonth()
    {
        Assert.Equal(Utc(2024, 2, 1), Periods.StartOf(Utc(2024, 2, 29, 23, 59, 59), PeriodKind.Month));
        Assert.Equal(Utc(2024, 3, 1), Periods.StartOf(Utc(2024, 3, 1), PeriodKind.Month));
        Assert.Equal(Utc(2020, 12, 1), Periods.StartOf(Utc(2020, 12, 31, 23, 59, 59), PeriodKind.Month));
    }

    [Fact]
    public void StartOf_Unspecified_IsReadAsUtcAndReturnsUtc()
    {
        var start = Periods.StartOf(new DateTime(2021, 1, 1, 8, 0, 0, DateTimeKind.Unspecified), PeriodKind.Week);

        Assert.Equal(Utc(2020, 12, 28), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Fact]
    public void StartOf_Local_Throws()
    {
        Assert.Throws<ArgumentException>(() => Periods.StartOf(new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Local), PeriodKind.Month));
    }

    [Fact]
    public void StartOf_UndefinedKind_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Periods.StartOf(Utc(2021, 1, 1), (PeriodKind)7));
    }

    [Fact]
    public void Next_WeekAcrossYearBoundary_IsSevenDaysLater()
    {
        Assert.Equal(Utc(2021, 1, 4), Periods.Next(Utc(2020, 12, 28), PeriodKind.Week));
    }

    [Fact]
    public void Next_Month_IsFirstOfNextMonth()
    {
        Assert.Equal(Utc(2021, 1, 1), Periods.Next(Utc(2020, 12, 1), PeriodKind.Month));
        Assert.Equal(Utc(2024, 3, 1), Periods.Next(Utc(2024, 2, 1), PeriodKind.Month));
    }

    [Fact]
    public void Next_InstantInsidePeriod_IsStartOfFollowingPeriod()
    {
        Assert.Equal(Utc(2024, 3, 1), Periods.Next(Utc(2024, 2, 29, 10, 0), PeriodKind.Month));
        Assert.Equal(Utc(2024, 3, 11), Periods.Next(Utc(2024, 3, 6, 10, 0), PeriodKind.Week));
    }

    [Fact]
    public void Range_Weeks_IncludesPeriodsOfBothEnds()
    {
        // Thursday 2020-12-24 is in the week of 2020-12-21; Monday 2021-01-04 starts its own week.
        var starts = Periods.Range(Utc(2020, 12, 24, 18, 0), Utc(2021, 1, 4), PeriodKind.Week).ToList();

        Assert.Equal([Utc(2020, 12, 21), Utc(2020, 12, 28), Utc(2021, 1, 4)], starts);
    }

    [Fact]
    public void Range_Months_IncludesPeriodsOfBothEnds()
    {
        var starts = Periods.Range(Utc(2023, 11, 30, 23, 0), Utc(2024, 2, 1, 0, 0, 1), PeriodKind.Month).ToList();

        Assert.Equal([Utc(2023, 11, 1), Utc(2023, 12, 1), Utc(2024, 1, 1), Utc(2024, 2, 1)], starts);
    }

    [Fact]
    public void Range_SameInstant_IsOnePeriod()
    {
        Assert.Equal([Utc(2024, 2, 1)], Periods.Range(Utc(2024, 2, 14), Utc(2024, 2, 14), PeriodKind.Month));
    }

    [Fact]
    public void Range_FirstAfterLast_IsEmpty()
    {
        Assert.Empty(Periods.Range(Utc(2024, 2, 14), Utc(2024, 2, 13, 23, 59, 59), PeriodKind.Week));
    }

    [Fact]
    public void Range_LastPeriodOfCalendar_EndsWithoutOverflow()
    {
        var starts = Periods.Range(Utc(9999, 11, 15), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), PeriodKind.Month).ToList();

        Assert.Equal([Utc(9999, 11, 1), Utc(9999, 12, 1)], starts);
    }

    [Fact]
    public void Range_Local_ThrowsWhenCalled()
    {
        Assert.Throws<ArgumentException>(() => Periods.Range(Utc(2024, 1, 1), DateTime.Now, PeriodKind.Week));
    }

    [Fact]
    public void Label_PeriodStart_IsIsoDate()
    {
        Assert.Equal("2020-12-28", Periods.Label(Utc(2020, 12, 28)));
        Assert.Equal("0987-03-01", Periods.Label(Utc(987, 3, 1)));
    }

    [Theory]
    [InlineData("week", PeriodKind.Week)]
    [InlineData("WEEK", PeriodKind.Week)]
    [InlineData("month", PeriodKind.Month)]
    [InlineData("Month", PeriodKind.Month)]
    public void TryParsePeriod_KnownName_Succeeds(string text, PeriodKind expected)
    {
        Assert.True(Periods.TryParsePeriod(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" week")]
    [InlineData("weeks")]
    [InlineData("w")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("Week\n")]
    public void TryParsePeriod_OtherText_Fails(string? text)
    {
        Assert.False(Periods.TryParsePeriod(text, out _));
    }
}
