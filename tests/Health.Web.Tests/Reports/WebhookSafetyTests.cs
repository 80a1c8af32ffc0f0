using Bunit;
using Health.Core.Reports.Delivery;
using Health.Core.Storage.Entities;
using Health.Testing;
using Health.Web.Components.Pages.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Reports;

/// <summary>
/// Webhooks cannot be turned inward (a receiver on loopback is refused unless <c>Reports:AllowPrivateWebhooks</c>), what is
/// stored says so rather than what the remote answered, and a saved URL never goes back to a browser.
/// </summary>
public sealed class WebhookSafetyTests
{
    [Fact]
    public async Task WebhookToLoopback_ByDefault_RefusedAsPrivateAddress_NothingSent()
    {
        await using var h = await ReportsHarness.StartAsync(settings: new Dictionary<string, string?> { ["Reports:AllowPrivateWebhooks"] = "false", ["Jobs:Retries"] = "0" });
        var id = await h.CreateScheduleAsync(recipients: null);

        h.Trigger(id);
        await h.WaitForDeliveriesAsync(id, d => d.Count == 1 && d[0].State == DeliveryState.Failed, "the webhook delivery to be refused");

        var delivery = Assert.Single((await h.RunsAsync(id)).Single().Deliveries);
        Assert.Contains(PrivateAddresses.Refusal, delivery.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(new Uri(h.Webhook.Url).AbsolutePath, delivery.LastError, StringComparison.Ordinal);
        Assert.Empty(h.Webhook.Received);
    }

    [Fact]
    public async Task EditingASchedule_TheWebhookUrlIsNeverShown_KeptUnlessReplacedOrRemoved()
    {
        await using var h = await ReportsHarness.StartAsync();
        var id = await h.CreateScheduleAsync();
        var secret = new Uri(h.Webhook.Url).AbsolutePath;
        using var scope = h.App.Services.CreateScope();
        await using var ctx = ReportsPageTests.Context(scope);
        var page = ctx.Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-schedule]")));
        page.FindAll("tr[data-schedule] button").First(b => b.TextContent == "Edit").Click();
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
        Assert.Contains(new Uri(h.Webhook.Url).Authority, page.Find("[data-testid=stored-webhook]").TextContent, StringComparison.Ordinal);
        Assert.Equal(string.Empty, page.Find("[data-testid=webhook]").GetAttribute("value") ?? string.Empty);

        page.Find("[data-testid=name]").Change("Renamed");
        page.Find("[data-testid=schedule-form]").Submit();
        page.WaitForAssertion(() => Assert.Contains("Renamed", page.Find("tr[data-schedule]").TextContent, StringComparison.Ordinal));
        Assert.Equal(h.Webhook.Url, await StoredWebhookAsync(h, id));

        page.FindAll("tr[data-schedule] button").First(b => b.TextContent == "Edit").Click();
        page.Find("[data-testid=remove-webhook]").Click();
        page.Find("[data-testid=schedule-form]").Submit();
        await Eventually.TrueAsync(async () => await StoredWebhookAsync(h, id) is null, "the webhook to be removed");
    }

    private static async Task<string?> StoredWebhookAsync(ReportsHarness h, int id)
    {
        await using var db = h.App.NewDb();
        return await db.ReportSchedules.Where(s => s.Id == id).Select(s => s.WebhookUrl).SingleAsync();
    }
}
