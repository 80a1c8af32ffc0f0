using System.Text.Json;
using Bunit;
using Health.Core.Export;
using Health.Core.Storage.Entities;
using Health.Testing;
using Health.Web.Components.Pages.Reports;
using Health.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Reports;

/// <summary>Reports delivered by the running app through a real SMTP server and webhook on loopback: once, retried, visible when failed, caught up.</summary>
public sealed class ReportDeliveryTests(RetryingReportsFixture fixture) : IClassFixture<RetryingReportsFixture>
{
    private readonly ReportsHarness _h = Reset(fixture.Harness);

    [Fact]
    public async Task TriggerRecurringJob_DeliversEmailAndWebhook_OnceEvenWhenRunAgain()
    {
        var id = await _h.CreateScheduleAsync();
        Assert.Contains(HangfireReportScheduler.RecurringId(id), _h.App.RecurringJobIds());

        _h.Trigger(id);
        await _h.WaitForDeliveriesAsync(id, d => d.Count == 2 && d.All(x => x.State == DeliveryState.Delivered), "both destinations to be delivered");

        var run = Assert.Single(await _h.RunsAsync(id));
        Assert.Equal((ReportTrigger.Scheduled, LastComplete.Week(run)), (run.Trigger, run.PeriodStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.StartsWith($"Health report for acme/widgets: week of {LastComplete.Week(run)} to {LastComplete.WeekEnd(run)}", run.Subject, StringComparison.Ordinal);

        var (message, envelope) = Assert.Single(_h.Smtp.Received);
        Assert.Equal(run.Subject, message.Subject);
        Assert.Equal("health@example.org", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(["maintainers@example.org", "second@example.org"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["maintainers@example.org", "second@example.org"], envelope);
        Assert.Equal(run.Text.ReplaceLineEndings("\n"), message.TextBody?.ReplaceLineEndings("\n"));
        Assert.Equal(run.Html.ReplaceLineEndings("\n"), message.HtmlBody?.ReplaceLineEndings("\n"));
        var attachment = Assert.IsAssignableFrom<MimeKit.MimePart>(Assert.Single(message.Attachments));
        Assert.Equal($"metrics-acme-widgets-week-{LastComplete.Week(run)}.csv", attachment.FileName);
        Assert.Equal("text/csv", attachment.ContentType.MimeType);
        using (var csv = new MemoryStream())
        {
            await attachment.Content!.DecodeToAsync(csv);
            var text = System.Text.Encoding.UTF8.GetString(csv.ToArray());
            Assert.Equal(run.Csv, text); // byte for byte: \n line ends
            Assert.Equal(string.Join(",", MetricsCsv.Header), text.Split('\n')[0]);
            Assert.StartsWith($"acme/widgets,{LastComplete.Week(run)},", text.Split('\n')[1], StringComparison.Ordinal);
        }

        var (body, contentType, key) = Assert.Single(_h.Webhook.Received);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal($"health-report-{run.Id}-{run.Deliveries.Single(d => d.Channel == DeliveryChannel.Webhook).Id}", key);
        using (var json = JsonDocument.Parse(body))
        {
            Assert.Equal(run.Markdown, json.RootElement.GetProperty("text").GetString());
            Assert.Equal("acme/widgets", json.RootElement.GetProperty("report").GetProperty("repositories")[0].GetProperty("repo").GetString());
        }

        // The job runs again (a retry, a second trigger in the same week): the same report, nothing sent twice.
        _h.Trigger(id);
        await Eventually.TrueAsync(() => _h.App.SucceededResults().Any(r => r.StartsWith($"report #{run.Id}: already delivered", StringComparison.Ordinal)), "the second run to find everything delivered");
        Assert.Single(await _h.RunsAsync(id));
        Assert.Single(_h.Smtp.Received);
        Assert.Single(_h.Webhook.Received);
    }

    [Fact]
    public async Task SmtpKeepsFailing_RetriedThenFailedAndShownOnThePage_WebhookDeliveredOnce()
    {
        var failedJobs = _h.App.Jobs.GetMonitoringApi().FailedCount();
        _h.Smtp.RefuseNext(int.MaxValue);
        var id = await _h.CreateScheduleAsync();

        _h.Trigger(id);
        await _h.WaitForDeliveriesAsync(id, d => d.Any(x => x.State == DeliveryState.Failed), "the email delivery to end failed");
        await Eventually.TrueAsync(() => _h.App.Jobs.GetMonitoringApi().FailedCount() == failedJobs + 1, "the job to end failed in /jobs");

        var run = Assert.Single(await _h.RunsAsync(id));
        var email = run.Deliveries.Single(d => d.Channel == DeliveryChannel.Email);
        Assert.Equal(3, email.Attempts); // the first attempt and 2 retries
        Assert.Contains("mailbox store is down", email.LastError, StringComparison.Ordinal);
        Assert.Equal(3, _h.Smtp.Refused);
        Assert.Empty(_h.Smtp.Received);
        Assert.Single(_h.Webhook.Received); // delivered on the first attempt, never again

        // Visible: the archive on the reports page, and the report's own page, show the failure and its error.
        using (var scope = _h.App.Services.CreateScope())
        await using (var ctx = ReportsPageTests.Context(scope))
        {
            var page = ctx.Render<ReportsPage>();
            page.WaitForAssertion(() =>
            {
                var failed = page.Find($"tr[data-run='{run.Id}'] [data-channel=email][data-state=failed]");
                Assert.Contains("after 3 attempts: ", failed.TextContent, StringComparison.Ordinal);
                Assert.Contains("mailbox store is down", failed.TextContent, StringComparison.Ordinal);
                Assert.NotNull(page.Find($"tr[data-run='{run.Id}'] [data-channel=webhook][data-state=delivered]"));
            });
            var view = ctx.Render<ReportViewPage>(p => p.Add(x => x.Id, run.Id));
            view.WaitForAssertion(() => Assert.Contains("mailbox store is down", view.Find("[data-testid=deliveries]").TextContent, StringComparison.Ordinal));
            Assert.Equal(run.Html, view.Find("[data-testid=report-frame]").GetAttribute("srcdoc"));

            // Sent again from the page once the server is back: only the email goes.
            _h.Smtp.RefuseNext(0);
            page.WaitForAssertion(() => page.Find($"tr[data-run='{run.Id}'] [data-testid=resend]").Click()); // the page refreshes on its own: retry a click that met a re-render
            await _h.WaitForDeliveriesAsync(id, d => d.All(x => x.State == DeliveryState.Delivered), "the email to be delivered when sent again");
        }

        Assert.Single(_h.Smtp.Received);
        Assert.Single(_h.Webhook.Received);
    }

    [Fact]
    public async Task SmtpRecoversBeforeRetriesRunOut_ExactlyOneEmail()
    {
        _h.Smtp.RefuseNext(2);
        var id = await _h.CreateScheduleAsync(webhook: false);

        _h.Trigger(id);
        await _h.WaitForDeliveriesAsync(id, d => d.Count == 1 && d[0].State == DeliveryState.Delivered, "the email to be delivered after two refusals");

        var email = Assert.Single(Assert.Single(await _h.RunsAsync(id)).Deliveries);
        Assert.Equal(3, email.Attempts);
        Assert.Null(email.LastError);
        Assert.Single(_h.Smtp.Received);
        Assert.Equal(2, _h.Smtp.Refused);
    }

    [Fact]
    public async Task FellDueWhileStopped_SentAtStart_AndNeverAgain()
    {
        var id = await _h.CreateScheduleAsync();

        // Saved a month ago: last Monday's 08:00 then falls due while the app is stopped (and its job storage is lost).
        await using (var db = _h.App.NewDb())
        {
            await db.ReportSchedules.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, DateTime.UtcNow.AddDays(-30)));
        }

        await _h.App.StopAsync();
        _h.App.Start();
        await _h.WaitForDeliveriesAsync(id, d => d.Count == 2 && d.All(x => x.State == DeliveryState.Delivered), "the missed report to be delivered at start");
        var run = Assert.Single(await _h.RunsAsync(id));
        Assert.Equal((DayOfWeek.Monday, 8), (run.DueAt!.Value.DayOfWeek, run.DueAt.Value.Hour));

        await _h.App.StopAsync();
        _h.App.Start(); // the catch-up runs while the app starts: anything it enqueued is in the fresh job storage now
        var jobs = _h.App.Jobs.GetMonitoringApi().GetStatistics();
        Assert.Equal(0, jobs.Enqueued + jobs.Scheduled + jobs.Processing + jobs.Succeeded + jobs.Failed);
        Assert.Single(await _h.RunsAsync(id));
        Assert.Single(_h.Smtp.Received);
        Assert.Single(_h.Webhook.Received);
    }

    private static ReportsHarness Reset(ReportsHarness harness)
    {
        harness.Reset();
        return harness;
    }
}
