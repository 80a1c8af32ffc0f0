using Health.Core.Metrics.Formulas;
using Health.Web.Components.Pages.Compare;
using Health.Web.Components.Pages.Repository;

namespace Health.Web.Tests.Components.Repository;

/// <summary>The default range of a repository whose activity ended before last month, and the ranges it never touches.</summary>
public sealed class QuietRangeTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 11, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime March2024 = new(2024, 3, 20, 15, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Parse_QuietSinceMarch2024NoRange_TheTwelveMonthsUpToMarch2024()
    {
        var view = RepositoryView.Parse(null, null, null, null, Now, March2024);

        Assert.Equal((new DateOnly(2023, 4, 1), new DateOnly(2024, 3, 31)), (view.From, view.To));
        Assert.Equal(March2024, view.QuietSince);
        Assert.Equal("No activity since March 2024: showing the 12 months up to then.", view.QuietNote);
        Assert.Empty(view.Problems);
        Assert.Equal((new DateOnly(2025, 11, 1), new DateOnly(2026, 11, 28), null), (view.ToToday(Now).From, view.ToToday(Now).To, view.ToToday(Now).QuietSince));
    }

    [Fact]
    public void Parse_QuietWeeks_TheTwentySixWeeksUpToTheWeekOfTheLastActivity()
    {
        var view = RepositoryView.Parse("week", null, null, null, Now, March2024);

        Assert.Equal((new DateOnly(2023, 9, 25), new DateOnly(2024, 3, 24)), (view.From, view.To));
        Assert.Equal(26, Periods.Range(Day(view.From), Day(view.To), PeriodKind.Week).Count());
        Assert.Equal("No activity since March 2024: showing the 26 weeks up to then.", view.QuietNote);
    }

    [Theory]
    [InlineData("2026-10-01")] // last month: the last 12 months have data
    [InlineData("2026-11-27")]
    public void Parse_ActiveSinceLastMonth_TheUsualTwelveMonthsToToday(string last)
    {
        var view = RepositoryView.Parse(null, null, null, null, Now, DateTime.Parse(last, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());

        Assert.Equal((new DateOnly(2025, 11, 1), new DateOnly(2026, 11, 28), null), (view.From, view.To, view.QuietSince));
        Assert.Null(view.QuietNote);
    }

    [Theory]
    [InlineData("2025-01-01", "2025-06-30", "2025-01-01", "2025-06-30")]
    [InlineData("2025-01-01", null, "2025-01-01", "2026-11-28")]
    [InlineData(null, "2026-02-28", "2025-11-01", "2026-02-28")]
    public void Parse_QuietRepositoryWithARangeInTheUrl_TheRangeWins(string? from, string? to, string expectedFrom, string expectedTo)
    {
        var view = RepositoryView.Parse("month", from, to, null, Now, March2024);

        Assert.Equal((DateOnly.Parse(expectedFrom, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(expectedTo, System.Globalization.CultureInfo.InvariantCulture)), (view.From, view.To));
        Assert.Null(view.QuietSince);
        Assert.Empty(view.Problems);
    }

    [Fact]
    public void RangeAfterSwitch_QuietDefaultToWeeks_MovesToTheQuietWeeks()
    {
        var months = RepositoryView.Parse(null, null, null, null, Now, March2024);

        var weeks = RepositoryView.RangeAfterSwitch(PeriodKind.Week, months.From, months.To, Now, months.QuietSince);

        Assert.Equal((new DateOnly(2023, 9, 25), new DateOnly(2024, 3, 24)), weeks);
    }

    [Fact]
    public void CompareParse_QuietEntriesNoRange_EndsAtTheirLastActivityAndSaysSo()
    {
        var view = CompareView.Parse("acme/a,acme/b", null, null, null, Now, March2024);

        Assert.Equal("items=acme/a,acme/b&period=month&from=2023-04-01&to=2024-03-31", view.Query());
        Assert.Equal("No activity since March 2024: showing the 12 months up to then.", view.QuietNote);
        Assert.Equal("items=acme/a,acme/b&period=month&from=2025-11-01&to=2026-11-28", view.ToToday(Now).Query());
    }

    private static DateTime Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
