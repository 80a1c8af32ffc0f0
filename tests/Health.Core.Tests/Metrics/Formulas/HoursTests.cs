using Health.Core.Metrics.Formulas;

namespace Health.Core.Tests.Metrics.Formulas;

public class HoursTests
{
    private static readonly DateTime Start = new(2024, 3, 30, 22, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Between_NinetyMinutes_IsOneAndAHalf()
    {
        Assert.Equal(1.5, Hours.Between(Start, Start.AddMinutes(90)));
    }

    [Fact]
    public void Between_AcrossDaylightSavingDateInUtc_IsWallClockFree()
    {
        // 2024-03-31 is a DST change in Europe; in UTC a day is still 24 hours.
        Assert.Equal(24.0, Hours.Between(Start, Start.AddDays(1)));
    }

    [Fact]
    public void Between_ToBeforeFrom_IsNegative()
    {
        Assert.Equal(-2.0, Hours.Between(Start, Start.AddHours(-2)));
    }

    [Fact]
    public void Between_SameInstant_IsZero()
    {
        Assert.Equal(0.0, Hours.Between(Start, Start));
    }

    [Fact]
    public void Waited_AnswerStampedBeforeTheItem_IsZero()
    {
        Assert.Equal(0.0, Hours.Waited(Start, Start.AddMinutes(-30)));
    }

    [Fact]
    public void Waited_Later_IsTheHoursBetween()
    {
        Assert.Equal(1.5, Hours.Waited(Start, Start.AddMinutes(90)));
    }
}
