using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage.Entities;

namespace Health.Core.Tests.Reports;

/// <summary>A schedule as typed is checked before anything is saved; every refusal says what is wrong.</summary>
public sealed class ReportScheduleValidatorTests
{
    private static ReportScheduleInput Valid() => new()
    {
        Scope = "acme/widgets",
        Cadence = ReportCadence.Weekly,
        Weekday = DayOfWeek.Monday,
        Time = "08:00",
        TimeZone = "Europe/Berlin",
        Period = PeriodKind.Week,
        Recipients = "maintainers@example.org, Someone@Example.org",
        WebhookUrl = "https://hooks.example.org/services/T0/B0/secret",
    };

    [Fact]
    public void TryValidate_Weekly_BuildsCronAndNormalises()
    {
        Assert.True(ReportScheduleValidator.TryValidate(Valid(), emailConfigured: true, out var s, out var error), error);

        Assert.Equal("0 8 * * 1", s.Cron);
        Assert.Equal("acme/widgets", s.Scope);
        Assert.Equal(["maintainers@example.org", "Someone@Example.org"], s.Recipients);
        Assert.Equal("acme/widgets, weekly", s.Name);
        Assert.Equal("https://hooks.example.org/services/T0/B0/secret", s.WebhookUrl);
    }

    [Fact]
    public void TryValidate_MonthlyAndOrganisation_BuildsCronAndOwnerScope()
    {
        var input = Valid();
        input.Cadence = ReportCadence.Monthly;
        input.DayOfMonth = 2;
        input.Time = "6:30";
        input.Scope = "acme, other/thing https://github.com/third/repo";

        Assert.True(ReportScheduleValidator.TryValidate(input, true, out var s, out var error), error);

        Assert.Equal("30 6 2 * *", s.Cron);
        Assert.Equal("acme/*, other/thing, third/repo", s.Scope);
    }

    [Fact]
    public void From_StoredWeeklySchedule_FillsTheFormBack()
    {
        Assert.True(ReportScheduleValidator.TryValidate(Valid(), true, out var valid, out _));
        var schedule = new ReportSchedule { Name = "x", Scope = "x", Cron = "x", TimeZone = "UTC" };
        valid.CopyTo(schedule);

        var input = ReportScheduleInput.From(schedule);

        Assert.Equal(("08:00", DayOfWeek.Monday, ReportCadence.Weekly), (input.Time, input.Weekday, input.Cadence));
        Assert.Equal("maintainers@example.org, Someone@Example.org", input.Recipients);
    }

    [Theory]
    [InlineData("cron", "61 * * * *", "is not a valid cron expression")]
    [InlineData("cron", "* * * *", "is not a cron expression of five fields")]
    [InlineData("cron", "", "The schedule is empty")]
    [InlineData("zone", "Mars/Olympus", "'Mars/Olympus' is not a time zone")]
    [InlineData("zone", "", "The time zone is empty")]
    [InlineData("email", "not-an-email", "'not-an-email' is not an email address")]
    [InlineData("email", "a@", "'a@' is not an email address")]
    [InlineData("email", "@example.org", "'@example.org' is not an email address")]
    [InlineData("email", "ok@example.org, Bob <bob@example.org>", "'Bob' is not an email address")]
    [InlineData("webhook", "ftp://hooks.example.org/x", "must use http or https, not 'ftp:'")]
    [InlineData("webhook", "javascript:alert(1)", "must use http or https")]
    [InlineData("webhook", "file:///etc/passwd", "must use http or https, not 'file:'")]
    [InlineData("webhook", "hooks.example.org/x", "is not a webhook URL")]
    [InlineData("scope", "a/b/c", "expected OWNER/NAME")]
    [InlineData("scope", " ", "Name what the report covers")]
    [InlineData("time", "25:00", "'25:00' is not a time of day")]
    [InlineData("day", "31", "must be between 1 and 28")]
    [InlineData("nowhere", "", "Say where the report goes")]
    public void TryValidate_Invalid_RefusedWithMessage(string field, string value, string message)
    {
        var input = Valid();
        switch (field)
        {
            case "cron":
                input.Cadence = ReportCadence.Cron;
                input.Cron = value;
                break;
            case "zone":
                input.TimeZone = value;
                break;
            case "email":
                input.Recipients = value;
                break;
            case "webhook":
                input.WebhookUrl = value;
                break;
            case "scope":
                input.Scope = value;
                break;
            case "time":
                input.Time = value;
                break;
            case "day":
                input.Cadence = ReportCadence.Monthly;
                input.DayOfMonth = int.Parse(value);
                break;
            default:
                input.Recipients = string.Empty;
                input.WebhookUrl = string.Empty;
                break;
        }

        Assert.False(ReportScheduleValidator.TryValidate(input, true, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidate_RecipientsWithoutSmtpHost_RefusedNamingTheKey()
    {
        Assert.False(ReportScheduleValidator.TryValidate(Valid(), emailConfigured: false, out _, out var error));
        Assert.Contains("Smtp:Host is not set", error, StringComparison.Ordinal);

        var webhookOnly = Valid();
        webhookOnly.Recipients = string.Empty;
        Assert.True(ReportScheduleValidator.TryValidate(webhookOnly, emailConfigured: false, out _, out error), error);
    }
}
