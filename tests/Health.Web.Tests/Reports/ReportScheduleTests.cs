using System.Net;
using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage.Entities;
using Health.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Tests.Reports;

/// <summary>Managing schedules in the running app: refusals, edit, test now, preview, delete, and the archive's downloads.</summary>
public sealed class ReportScheduleTests(ReportsFixture fixture) : IClassFixture<ReportsFixture>
{
    private readonly ReportsHarness _h = fixture.Harness;

    [Fact]
    public async Task Save_InvalidOrUnknown_RefusedWithMessageAndNothingSaved()
    {
        await using var db = _h.App.NewDb();
        var before = await db.ReportSchedules.CountAsync();
        var cases = new (Action<ReportScheduleInput> Change, string Message)[]
        {
            (i => i.Scope = "acme/unknown", "acme/unknown is not tracked"),
            (i => i.Scope = "nobody", "No tracked repository belongs to 'nobody'"),
            (i => (i.Cadence, i.Cron) = (ReportCadence.Cron, "0 25 * * *"), "is not a valid cron expression"),
            (i => i.TimeZone = "Europe/Nowhere", "'Europe/Nowhere' is not a time zone"),
            (i => i.WebhookUrl = "gopher://hooks.example.org/x", "must use http or https, not 'gopher:'"),
            (i => i.Recipients = "ops@@example.org", "is not an email address"),
        };

        foreach (var (change, message) in cases)
        {
            var input = new ReportScheduleInput { Scope = "acme/widgets", Period = PeriodKind.Month, WebhookUrl = _h.Webhook.Url };
            change(input);
            var (id, error) = await _h.Reports.SaveAsync(null, input, CancellationToken.None);
            Assert.Null(id);
            Assert.Contains(message, error, StringComparison.Ordinal);
        }

        Assert.Equal(before, await db.ReportSchedules.CountAsync());
    }

    [Fact]
    public async Task Edit_ChangesTheRecurringJob_DeleteRemovesItAndKeepsTheArchive()
    {
        var id = await _h.CreateScheduleAsync();
        var input = ReportScheduleInput.From((await _h.Reports.ListAsync(CancellationToken.None)).Single(s => s.Id == id));
        (input.Cadence, input.DayOfMonth, input.Time, input.TimeZone, input.Period) = (ReportCadence.Monthly, 3, "06:15", "Europe/Berlin", PeriodKind.Month);

        Assert.Null((await _h.Reports.SaveAsync(id, input, CancellationToken.None)).Error);

        using (var connection = _h.App.Jobs.GetConnection())
        {
            var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == HangfireReportScheduler.RecurringId(id));
            Assert.Equal(("15 6 3 * *", "Europe/Berlin"), (job.Cron, job.TimeZoneId));
        }

        var (runId, error) = await _h.Reports.SendTestAsync(id, CancellationToken.None);
        Assert.True(runId is not null, error);
        await _h.WaitForDeliveriesAsync(id, d => d.Count == 2 && d.All(x => x.State == DeliveryState.Delivered), "the test report to be delivered");

        Assert.Null(await _h.Reports.DeleteAsync(id, CancellationToken.None));

        Assert.DoesNotContain(HangfireReportScheduler.RecurringId(id), _h.App.RecurringJobIds());
        await using var db = _h.App.NewDb();
        var run = await db.ReportRuns.SingleAsync(r => r.Id == runId);
        Assert.Equal((ReportTrigger.Test, (int?)null, PeriodKind.Month), (run.Trigger, run.ScheduleId, run.PeriodKind));
        Assert.Equal(LastComplete.Month(run), Periods.Label(run.PeriodStart));
    }

    [Fact]
    public async Task Preview_RendersWithoutStoringOrSending_DownloadsServeEachFormat()
    {
        var id = await _h.CreateScheduleAsync(webhook: false);

        var (preview, error) = await _h.Reports.PreviewAsync(id, CancellationToken.None);

        Assert.True(preview is not null, error);
        Assert.StartsWith("<!DOCTYPE html>", preview.Html, StringComparison.Ordinal);
        Assert.Empty(await _h.RunsAsync(id));

        var (runId, _) = await _h.Reports.SendTestAsync(id, CancellationToken.None);
        using var client = _h.App.CreateClient();
        var run = Assert.Single(await _h.RunsAsync(id));
        foreach (var (extension, type, name, content) in new[]
        {
            ("html", "text/html", $"report-acme-widgets-week-{LastComplete.Week(run)}.html", run.Html),
            ("md", "text/markdown", $"report-acme-widgets-week-{LastComplete.Week(run)}.md", run.Markdown),
            ("csv", "text/csv", $"metrics-acme-widgets-week-{LastComplete.Week(run)}.csv", run.Csv),
        })
        {
            using var response = await client.GetAsync(new Uri($"/reports/archive/{runId}.{extension}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(name, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal(content, await response.Content.ReadAsStringAsync());
        }

        using var unknownFormat = await client.GetAsync(new Uri($"/reports/archive/{runId}.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknownFormat.StatusCode);
        using var unknownRun = await client.GetAsync(new Uri("/reports/archive/99999.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
        using var page = await client.GetAsync(new Uri($"/reports/archive/{runId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Health report for acme/widgets", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
