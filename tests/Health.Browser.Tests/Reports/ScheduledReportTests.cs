using System.Text;
using System.Text.Json;
using GitHubSimulator;
using Health.Browser.Tests.Infrastructure;
using Health.Core.Export;
using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Content;
using Health.Core.Storage.Entities;
using Health.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Health.Browser.Tests.Reports;

/// <summary>
/// A report schedule made in the real browser is delivered by the running app, at the time it falls due, to a real SMTP
/// server and a real webhook receiver on loopback; the archive in the browser shows it delivered and opens it. This test
/// has its own app (with an SMTP server configured and one synced repository), beside the shared one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScheduledReportTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string Recipients = "maintainers@example.org, second@example.org";

    private SmtpSink? _smtp;
    private WebhookSink? _webhook;
    private KestrelApp? _app;

    private SmtpSink Smtp => _smtp ?? throw new InvalidOperationException("Not started.");

    private WebhookSink Webhook => _webhook ?? throw new InvalidOperationException("Not started.");

    private KestrelApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _smtp = await SmtpSink.StartAsync();
        _webhook = await WebhookSink.StartAsync();
        _app = await KestrelApp.StartAsync(new WorldOptions { Prs = 80, End = KestrelApp.WorldEnd }, _smtp.Settings);
        await _app.TrackAndSyncAsync("acme/widgets", TimeSpan.FromSeconds(90));
    }

    /// <summary>The one slow browser test: nothing but Hangfire's clock sends the report, at the next minute (up to 60 s).</summary>
    [Fact]
    public async Task ScheduleMadeInTheBrowser_EveryMinute_DeliversTheReportByEmailAndWebhook_ArchiveShowsAndOpensIt()
    {
        await using var page = await WatchedPage.OpenAsync(fixture.Browser, App.BaseUri);
        await page.GotoAsync("/reports");
        await page.WaitForBlazorAsync();
        await Expect(page.Page.GetByTestId("no-schedules")).ToBeVisibleAsync();

        // The shortest cadence the form allows: a cron expression, every minute.
        await page.Page.GetByTestId("name").FillAsync("Widgets every minute");
        await page.Page.GetByTestId("scope").FillAsync("acme/widgets");
        await page.Page.GetByTestId("cadence").SelectOptionAsync("Cron");
        await page.Page.GetByTestId("cron").FillAsync("* * * * *");
        await page.Page.GetByTestId("timezone").FillAsync("Europe/Berlin");
        await page.Page.GetByTestId("period").SelectOptionAsync("Week");
        await page.Page.GetByTestId("recipients").FillAsync(Recipients);
        await page.Page.GetByTestId("webhook").FillAsync(Webhook.Url);
        var saved = DateTime.UtcNow;
        await page.Page.GetByTestId("save").ClickAsync();

        await Expect(page.Page.GetByTestId("message")).ToContainTextAsync("Scheduled “Widgets every minute”: Cron '* * * * *' (Europe/Berlin); next due ");
        var schedule = page.Page.Locator("tr[data-schedule]");
        await Expect(schedule).ToHaveCountAsync(1);
        await Expect(schedule).ToContainTextAsync("acme/widgets, last complete week");
        await Expect(schedule.Locator(".destinations")).ToContainTextAsync($"Email: {Recipients}");

        // Delivered when Hangfire finds it due, and to each destination once.
        await Eventually.TrueAsync(() => !Smtp.Received.IsEmpty && !Webhook.Received.IsEmpty, "the email and the webhook to receive the report", TimeSpan.FromSeconds(90));
        var run = await DeliveredRunAsync();
        var (email, envelope) = Assert.Single(Smtp.Received);
        var (body, contentType, _) = Assert.Single(Webhook.Received);

        // The report of the last complete week before its due time, made at that minute.
        Assert.Equal(ReportTrigger.Scheduled, run.Trigger);
        var due = run.DueAt!.Value;
        Assert.True(due.Second == 0 && due >= saved.AddSeconds(-saved.Second) && due <= DateTime.UtcNow, $"due at {due:O}, saved at {saved:O}");
        var start = ReportPeriods.LastCompleteBefore(due, PeriodKind.Week);
        var title = $"Health report for acme/widgets: {ReportPeriods.Describe(start, PeriodKind.Week)}";
        Assert.Equal(title, run.Subject);

        // The email: subject, sender and recipients, both parts, and the period's metrics CSV as the export has it.
        Assert.Equal(title, email.Subject);
        Assert.Equal("health@example.org", Assert.Single(email.From.Mailboxes).Address);
        Assert.Equal(["maintainers@example.org", "second@example.org"], email.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["maintainers@example.org", "second@example.org"], envelope);
        Assert.Equal(run.Text.ReplaceLineEndings("\n"), email.TextBody?.ReplaceLineEndings("\n"));
        Assert.StartsWith(title, email.TextBody, StringComparison.Ordinal);
        Assert.Equal(run.Html.ReplaceLineEndings("\n"), email.HtmlBody?.ReplaceLineEndings("\n"));
        Assert.Contains($"<h1 style=\"font-size:22px\">{title}</h1>", email.HtmlBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimeKit.MimePart>(Assert.Single(email.Attachments), exactMatch: false);
        Assert.Equal(($"metrics-acme-widgets-week-{Periods.Label(start)}.csv", "text/csv"), (attachment.FileName, attachment.ContentType.MimeType));
        var csv = await DecodeAsync(attachment);
        Assert.Equal(run.Csv, csv);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(",", MetricsCsv.Header), lines[0]);
        Assert.Equal(await ExportedRowAsync(start), Assert.Single(lines[1..]));

        // The webhook: JSON whose text is the Markdown report, with the same report as structured fields.
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(body))
        {
            var text = json.RootElement.GetProperty("text").GetString();
            Assert.Equal(run.Markdown, text);
            Assert.StartsWith($"# {title}\n", text, StringComparison.Ordinal);
            var report = json.RootElement.GetProperty("report");
            Assert.Equal(title, report.GetProperty("title").GetString());
            Assert.Equal(Periods.Label(start), report.GetProperty("period").GetProperty("start").GetString());
            Assert.Equal("acme/widgets", Assert.Single(report.GetProperty("repositories").EnumerateArray()).GetProperty("repo").GetString());
        }

        // The archive, read again in the browser: the report with both destinations delivered.
        await page.Page.ReloadAsync();
        await page.WaitForBlazorAsync();
        var archived = page.Page.Locator($"tr[data-run='{run.Id}']");
        await Expect(archived.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await Expect(archived).ToContainTextAsync("Widgets every minute");
        await Expect(archived).Not.ToContainTextAsync("· test");
        await Expect(archived.Locator("[data-channel=email][data-state=delivered]")).ToContainTextAsync("Delivered");
        await Expect(archived.Locator("[data-channel=email]")).ToContainTextAsync(Recipients);
        await Expect(archived.Locator("[data-channel=webhook][data-state=delivered]")).ToContainTextAsync("Delivered");
        await Expect(archived.Locator("[data-channel=webhook]")).Not.ToContainTextAsync("T0-B0-secret");

        // Opened in the browser: the report as it was delivered, in a sandboxed frame, with its deliveries and downloads.
        await archived.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(App.Url($"/reports/archive/{run.Id}"));
        await Expect(page.Page.Locator("h1")).ToHaveTextAsync(title);
        await Expect(page.Page.GetByTestId("meta")).ToContainTextAsync($"Widgets every minute · {ReportPeriods.Describe(start, PeriodKind.Week)}");
        await Expect(page.Page.GetByTestId("deliveries").Locator("[data-state=delivered]")).ToHaveCountAsync(2);
        var frame = page.Page.GetByTestId("report-frame");
        await Expect(frame).ToHaveAttributeAsync("sandbox", string.Empty);
        await Expect(page.Page.FrameLocator("[data-testid=report-frame]").Locator("h1")).ToHaveTextAsync(title);
        await Expect(page.Page.FrameLocator("[data-testid=report-frame]").Locator("tr[data-metric]")).ToHaveCountAsync(KeyMetrics.Columns.Count());
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "metrics CSV" })).ToHaveAttributeAsync("href", $"/reports/archive/{run.Id}.csv");

        // Still one email and one webhook call: nothing was sent twice while the schedule kept falling due.
        Assert.Single(Smtp.Received);
        Assert.Single(Webhook.Received);
        page.AssertNoProblems();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }
    }

    /// <summary>The one archived report, once the database records both destinations as delivered.</summary>
    private async Task<ReportRun> DeliveredRunAsync()
    {
        ReportRun? run = null;
        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = App.NewDb();
                run = await db.ReportRuns.AsNoTracking().Include(r => r.Deliveries).SingleOrDefaultAsync();
                return run is { Deliveries: [{ State: DeliveryState.Delivered }, { State: DeliveryState.Delivered }] };
            },
            "the archive to record both deliveries",
            TimeSpan.FromSeconds(30));
        return run!;
    }

    /// <summary>The metrics export's row of acme/widgets for the week starting at <paramref name="start"/>, over HTTP.</summary>
    private async Task<string> ExportedRowAsync(DateTime start)
    {
        using var http = new HttpClient();
        var label = Periods.Label(start);
        var csv = await http.GetStringAsync(App.Url($"/export/metrics.csv?repo=acme/widgets&period=week&from={label}&to={label}"));
        return Assert.Single(csv.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith($"acme/widgets,{label},", StringComparison.Ordinal));
    }

    private static async Task<string> DecodeAsync(MimeKit.MimePart attachment)
    {
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
