using Health.Core.Metrics.Formulas;
using Health.Web.Components.Pages.Repository;

namespace Health.Web.Tests.Components.Repository;

/// <summary>The page's filters from its query string: defaults, and every unusable value named.</summary>
public sealed class RepositoryViewTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 11, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Parse_NothingGiven_MonthsFromTwelveCompleteMonthsAgoToToday()
    {
        var view = RepositoryView.Parse(null, null, null, null, Now);

        Assert.Equal(new RepositoryView(PeriodKind.Month, new DateOnly(2025, 11, 1), new DateOnly(2026, 11, 28), false, []), view with { Problems = [] });
        Assert.Empty(view.Problems);
    }

    [Fact]
    public void Parse_Week_TwentySixCompleteWeeksPlusTheCurrentOne()
    {
        var view = RepositoryView.Parse("week", null, null, "true", Now);

        Assert.Equal((PeriodKind.Week, new DateOnly(2026, 5, 25), true), (view.Period, view.From, view.Bots));
        Assert.Equal(27, DashboardServiceStarts(view).Count);
    }

    [Fact]
    public void Parse_UnusableValues_NamesEachParameterAndUsesItsDefault()
    {
        var view = RepositoryView.Parse("daily", "2026-02-30", "yesterday", "yes", Now);

        Assert.Equal((PeriodKind.Month, new DateOnly(2025, 11, 1), new DateOnly(2026, 11, 28), false), (view.Period, view.From, view.To, view.Bots));
        Assert.Equal(["period:", "from:", "to:", "bots:"], view.Problems.Select(p => p.Split(' ')[0]));
    }

    [Fact]
    public void Parse_FromAfterTo_DefaultRangeAndSaysSo()
    {
        var view = RepositoryView.Parse("month", "2026-06-01", "2026-01-01", null, Now);

        Assert.Equal((new DateOnly(2025, 11, 1), new DateOnly(2026, 11, 28)), (view.From, view.To));
        Assert.StartsWith("from (2026-06-01) is after to (2026-01-01)", Assert.Single(view.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyWeeks_ShowsTheLastOnesAndSaysSo()
    {
        var view = RepositoryView.Parse("week", "2008-01-01", "2026-11-28", null, Now);

        Assert.Equal(RepositoryView.MaxPeriods, DashboardServiceStarts(view).Count);
        Assert.StartsWith("from: 2008-01-01 to 2026-11-28 holds more than 520 weeks", Assert.Single(view.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void ChartCsv_View_SamePathWithChartAndTheViewsQuery()
    {
        var view = RepositoryView.Parse("week", "2026-01-05", "2026-03-01", "true", Now);

        Assert.Equal("/repos/acme/widgets?period=week&from=2026-01-05&to=2026-03-01&bots=true", RepositoryLinks.Page("acme", "widgets", view));
        Assert.Equal("/repos/acme/widgets/charts/pr-flow.csv?period=week&from=2026-01-05&to=2026-03-01&bots=true", RepositoryLinks.ChartCsv("acme", "widgets", "pr-flow", view));
    }

    private static IReadOnlyList<DateTime> DashboardServiceStarts(RepositoryView view) =>
        Health.Core.Dashboard.DashboardService.Starts(view.Period, view.From, view.To);

    [Fact]
    public void RangeAfterSwitch_DefaultRangeMovesChosenRangeStays()
    {
        var (monthFrom, monthTo) = RepositoryView.DefaultRange(PeriodKind.Month, Now);

        Assert.Equal(RepositoryView.DefaultRange(PeriodKind.Week, Now), RepositoryView.RangeAfterSwitch(PeriodKind.Week, monthFrom, monthTo, Now));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), RepositoryView.RangeAfterSwitch(PeriodKind.Week, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), Now));
    }
}
