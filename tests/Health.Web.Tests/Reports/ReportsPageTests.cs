using Bunit;
using Health.Core.Storage.Entities;
using Health.Web.Components.Pages.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Reports;

/// <summary>The reports page rendered by bUnit over the running app's own services (Hangfire, SMTP and webhook on loopback).</summary>
public sealed class ReportsPageTests
{
    /// <summary>The one slow test: nothing but Hangfire's clock triggers the report, at the next minute boundary (up to 60 s).</summary>
    [Fact]
    public async Task ScheduleCreatedOnPage_EveryMinute_DeliveredAtTheScheduledTime_AndArchived()
    {
        await using var h = await ReportsHarness.StartAsync();
        using var scope = h.App.Services.CreateScope();
        await using var ctx = Context(scope);
        var page = ctx.Render<ReportsPage>();

        // A mistake first: refused with the reason, nothing saved.
        page.Find("[data-testid=scope]").Change("acme/widgets");
        page.Find("[data-testid=cadence]").Change(nameof(ReportCadence.Cron));
        page.Find("[data-testid=cron]").Change("every monday");
        page.Find("[data-testid=webhook]").Change("ftp://hooks.example.org/x");
        page.Find("[data-testid=schedule-form]").Submit();
        page.WaitForAssertion(() => Assert.Contains("'every monday' is not a cron expression", page.Find("[data-testid=message]").TextContent, StringComparison.Ordinal));
        Assert.Contains("No report is scheduled yet", page.Find("[data-testid=no-schedules]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=name]").Change("Every minute");
        page.Find("[data-testid=cron]").Change("* * * * *");
        page.Find("[data-testid=recipients]").Change(ReportsHarness.Recipients);
        page.Find("[data-testid=schedule-form]").Submit();
        page.WaitForAssertion(() => Assert.Contains("The webhook URL must use http or https, not 'ftp:'", page.Find("[data-testid=message]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=webhook]").Change(h.Webhook.Url);
        page.Find("[data-testid=schedule-form]").Submit();
        page.WaitForAssertion(() => Assert.Contains("Scheduled “Every minute”: Cron '* * * * *' (UTC)", page.Find("[data-testid=message]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Every minute", page.Find("tr[data-schedule]").TextContent, StringComparison.Ordinal);

        // While it waits for its minute: the preview shows the report in a sandboxed frame, and stores nothing.
        page.Find("[data-testid=preview]").Click();
        page.WaitForAssertion(() => Assert.Contains("Health report for acme/widgets", page.Find("[data-testid=preview-pane] iframe").GetAttribute("srcdoc"), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(string.Empty, page.Find("[data-testid=preview-pane] iframe").GetAttribute("sandbox"));

        var id = (await h.Reports.ListAsync(CancellationToken.None)).Single().Id;
        await h.WaitForDeliveriesAsync(id, d => d.Count == 2 && d.All(x => x.State == DeliveryState.Delivered), "the scheduled report to be delivered", TimeSpan.FromSeconds(80));

        var run = Assert.Single(await h.RunsAsync(id));
        Assert.Equal(ReportTrigger.Scheduled, run.Trigger);
        Assert.Equal(0, run.DueAt!.Value.Second);
        Assert.Equal(run.Subject, Assert.Single(h.Smtp.Received).Message.Subject);
        Assert.Single(h.Webhook.Received);
        page.WaitForAssertion(() => Assert.Equal(2, page.Find($"tr[data-run='{run.Id}']").QuerySelectorAll("[data-state=delivered]").Length), TimeSpan.FromSeconds(5));
    }

    /// <summary>A bUnit context whose services are the running app's (one scope of them, as a circuit has).</summary>
    internal static BunitContext Context(IServiceScope scope)
    {
        var ctx = new BunitContext();
        ctx.Services.AddFallbackServiceProvider(scope.ServiceProvider);
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }
}
