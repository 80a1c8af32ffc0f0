using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Content;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage.Entities;

namespace Health.Core.Tests.Reports;

/// <summary>Due times are Cronos occurrences in the schedule's zone; each reports the last complete UTC week or month before it.</summary>
public sealed class ReportDueTests
{
    private static DateTime Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    private static ReportSchedule Schedule(string cron, string zone, PeriodKind period) =>
        new() { Name = "n", Scope = "acme/widgets", Cron = cron, TimeZone = zone, Period = period };

    [Fact]
    public void Latest_WeeklyInBerlin_IsThatMorningInUtc()
    {
        // Monday 2026-11-23 08:00 in Berlin (UTC+1 in winter) = 07:00 UTC; asked on Saturday 2026-11-28.
        var due = ReportDue.Latest(Schedule("0 8 * * 1", "Europe/Berlin", PeriodKind.Week), Utc(2026, 11, 28, 12));

        Assert.Equal(Utc(2026, 11, 23, 7), due);
    }

    [Fact]
    public void Latest_ExactlyAtDueTime_IsThatTime()
    {
        Assert.Equal(Utc(2026, 11, 28, 12, 5), ReportDue.Latest(Schedule("* * * * *", "UTC", PeriodKind.Week), Utc(2026, 11, 28, 12, 5)));
        Assert.Equal(Utc(2024, 2, 29, 0, 0), ReportDue.Latest(Schedule("0 0 29 2 *", "UTC", PeriodKind.Month), Utc(2026, 11, 28)));
    }

    [Theory]
    [InlineData("2026-11-23T07:00:00Z", "week", "2026-11-16")] // Monday morning: the week that just ended
    [InlineData("2026-11-23T00:00:00Z", "week", "2026-11-16")] // the very first instant of the week
    [InlineData("2026-11-22T23:30:00Z", "week", "2026-11-09")] // Sunday night UTC: that week is not complete yet
    [InlineData("2026-11-01T06:00:00Z", "month", "2026-10-01")]
    [InlineData("2026-01-15T06:00:00Z", "month", "2025-12-01")]
    public void PeriodOf_DueTime_IsLastCompletePeriodBefore(string due, string period, string expected)
    {
        Assert.True(Periods.TryParsePeriod(period, out var kind));
        var at = DateTime.Parse(due, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(expected, Periods.Label(ReportDue.PeriodOf(Schedule("0 8 * * 1", "UTC", kind), at)));
    }

    [Theory]
    [InlineData("2026-06-01", "month", "2026-03-01")] // June ends July 1; March ended April 1, 91 days before
    [InlineData("2026-05-01", "month", "2026-02-01")]
    [InlineData("2026-11-16", "week", "2026-08-17")] // the week ends 2026-11-23; 90 days before is Tuesday 2026-08-25
    [InlineData("2026-11-23", "week", "2026-08-24")] // and the next report names the next cohort
    public void RetentionCohort_IsLatestPeriodWhose90DaysEndedWithTheReportedOne(string start, string period, string expected)
    {
        Assert.True(Periods.TryParsePeriod(period, out var kind));
        var cohort = ReportPeriods.RetentionCohort(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture), kind);

        Assert.Equal(expected, Periods.Label(cohort));
        Assert.True(Periods.Next(cohort, kind) + Retention.Window <= Periods.Next(DateTime.SpecifyKind(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), kind));
    }

    [Fact]
    public void Describe_WeekAndMonth_AreReadable()
    {
        Assert.Equal("week of 2026-11-16 to 2026-11-22", ReportPeriods.Describe(Utc(2026, 11, 16), PeriodKind.Week));
        Assert.Equal("October 2026", ReportPeriods.Describe(Utc(2026, 10, 1), PeriodKind.Month));
    }
}
