using Hangfire;
using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage.Entities;
using Health.Testing;
using Health.Web.Jobs;
using Health.Web.Tests.Infrastructure;
using Health.Web.Tests.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Reports;

/// <summary>The whole app with a synced simulator repository, a loopback SMTP server and a loopback webhook receiver.</summary>
internal sealed class ReportsHarness : IAsyncDisposable
{
    public const string Recipients = "maintainers@example.org, second@example.org";

    private ReportsHarness(AppHarness app, SmtpSink smtp, WebhookSink webhook)
    {
        App = app;
        Smtp = smtp;
        Webhook = webhook;
    }

    public AppHarness App { get; }

    public SmtpSink Smtp { get; }

    public WebhookSink Webhook { get; }

    public ReportCatalog Reports => App.Services.GetRequiredService<ReportCatalog>();

    /// <param name="settings">Configuration beyond the harness's own.</param>
    /// <param name="smtp">Whether the app is pointed at the SMTP server (else email is off).</param>
    /// <param name="smtpLogin">A user and password the SMTP server requires before it accepts a message; null: none.</param>
    /// <param name="configure">More changes to the app's host, e.g. <see cref="CapturedLogs.AddTo(Microsoft.AspNetCore.Hosting.IWebHostBuilder)"/>.</param>
    public static async Task<ReportsHarness> StartAsync(
        IDictionary<string, string?>? settings = null,
        bool smtp = true,
        (string User, string Password)? smtpLogin = null,
        Action<IWebHostBuilder>? configure = null)
    {
        var sink = await SmtpSink.StartAsync(smtpLogin?.User, smtpLogin?.Password);
        var webhook = await WebhookSink.StartAsync();
        var all = smtp ? new Dictionary<string, string?>(sink.Settings) : [];
        all["Reports:AllowPrivateWebhooks"] = "true"; // the webhook sink listens on loopback
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = await AppHarness.StartAsync(settings: all, configure: configure);
        var added = await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);
        Assert.True(added.Succeeded, added.Error);
        await SyncJobTests.WaitForStateAsync(app, await app.RepositoryIdAsync("acme/widgets"), SyncState.Idle);
        return new ReportsHarness(app, sink, webhook);
    }

    /// <summary>A schedule of acme/widgets to both destinations; weekly on Mondays 08:00 UTC unless a cron is given.</summary>
    public async Task<int> CreateScheduleAsync(string? cron = null, string? recipients = Recipients, bool webhook = true)
    {
        var input = new ReportScheduleInput
        {
            Name = "Weekly widgets",
            Scope = "acme/widgets",
            Cadence = cron is null ? ReportCadence.Weekly : ReportCadence.Cron,
            Cron = cron ?? string.Empty,
            Period = PeriodKind.Week,
            Recipients = recipients ?? string.Empty,
            WebhookUrl = webhook ? Webhook.Url : string.Empty,
        };
        var (id, error) = await Reports.SaveAsync(null, input, CancellationToken.None);
        Assert.True(id is not null, error);
        return id.Value;
    }

    /// <summary>Fires the schedule's recurring job now, as Hangfire does when it falls due.</summary>
    public void Trigger(int scheduleId) => App.Services.GetRequiredService<IRecurringJobManager>().Trigger(HangfireReportScheduler.RecurringId(scheduleId));

    /// <summary>The archived reports of one schedule, oldest first.</summary>
    public async Task<List<ReportRun>> RunsAsync(int scheduleId)
    {
        await using var db = App.NewDb();
        return await db.ReportRuns.AsNoTracking().Include(r => r.Deliveries).Where(r => r.ScheduleId == scheduleId).OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>Waits until the deliveries of the schedule's reports satisfy <paramref name="condition"/>.</summary>
    public Task WaitForDeliveriesAsync(int scheduleId, Func<List<ReportDelivery>, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(
            async () => condition([.. (await RunsAsync(scheduleId)).SelectMany(r => r.Deliveries)]),
            what,
            timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>Forgets what the SMTP server and the webhook received, and lets them accept again: a test of a shared harness starts clean.</summary>
    public void Reset()
    {
        Smtp.Reset();
        Webhook.Failing = false;
        Webhook.Received.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
        await Webhook.DisposeAsync();
    }
}
