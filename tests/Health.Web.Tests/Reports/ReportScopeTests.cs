using Bunit;
using Health.Core.Storage.Entities;
using Health.Testing;
using Health.Web.Components.Pages.Reports;
using Health.Web.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Reports;

/// <summary>A schedule whose repository stops being tracked after it was saved: said on its row, skipped by its job, back when tracked again.</summary>
public sealed class ReportScopeTests
{
    /// <summary>Long enough for the page to read the schedules again (bUnit gives it the default refresh interval of 2 s).</summary>
    private static readonly TimeSpan Refreshed = TimeSpan.FromSeconds(10);

    private const string Problem =
        "Covers no tracked repository (acme/widgets is not tracked any more): nothing is made or sent until one is tracked again on the Repositories page, or the schedule is edited.";

    [Fact]
    public async Task RepositoryUntrackedThenDeleted_JobSkipsWithTheReason_RowSaysItCoversNoTrackedRepository_UntilTrackedAgain()
    {
        await using var h = await ReportsHarness.StartAsync();
        var id = await h.CreateScheduleAsync();
        var repository = await h.App.RepositoryIdAsync("acme/widgets");
        using var scope = h.App.Services.CreateScope();
        await using var ctx = ReportsPageTests.Context(scope);
        var page = ctx.Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Equal("all", page.Find($"tr[data-schedule='{id}']").GetAttribute("data-covers")));
        Assert.Empty(page.FindAll("[data-testid=scope-problem]"));

        // No longer tracked, its data kept: the report is not made from data that no longer grows.
        Assert.Null(await h.App.Catalog.RemoveAsync(repository, deleteData: false, CancellationToken.None));
        page.WaitForAssertion(() => AssertCoversNothing(page, id), Refreshed);
        await AssertSkippedAsync(h, id, times: 1);

        // "Send a test now" says why nothing can be sent.
        page.Find($"tr[data-schedule='{id}'] [data-testid=test-now]").Click();
        page.WaitForAssertion(() => Assert.Equal($"Report 'Weekly widgets': {Problem}", page.Find("[data-testid=message]").TextContent));

        // Deleted with its data: the same.
        Assert.Null(await h.App.Catalog.RemoveAsync(repository, deleteData: true, CancellationToken.None));
        await AssertSkippedAsync(h, id, times: 2);
        page.WaitForAssertion(() => AssertCoversNothing(page, id), Refreshed);

        // Tracked again: the row is clear, and the next time the schedule falls due the report is made and delivered.
        Assert.True((await h.App.Catalog.AddAsync("acme/widgets", CancellationToken.None)).Succeeded);
        await SyncJobTests.WaitForStateAsync(h.App, await h.App.RepositoryIdAsync("acme/widgets"), SyncState.Idle);
        page.WaitForAssertion(() => Assert.Equal("all", page.Find($"tr[data-schedule='{id}']").GetAttribute("data-covers")), Refreshed);
        Assert.Empty(page.FindAll("[data-testid=scope-problem]"));
        h.Trigger(id);
        await h.WaitForDeliveriesAsync(id, d => d.Count == 2 && d.All(x => x.State == DeliveryState.Delivered), "the report to be delivered once the repository is tracked again");
    }

    private static void AssertCoversNothing(IRenderedComponent<ReportsPage> page, int id)
    {
        var row = page.Find($"tr[data-schedule='{id}']");
        Assert.Equal("nothing", row.GetAttribute("data-covers"));
        var problem = row.QuerySelector("[data-testid=scope-problem]");
        Assert.NotNull(problem);
        Assert.Equal($"No tracked repository {Problem}", string.Join(' ', problem.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>
    /// Fires the schedule's job and waits for it to end skipped, for the <paramref name="times"/>-th time: it succeeds (no
    /// retry), says why, and makes and sends nothing.
    /// </summary>
    private static async Task AssertSkippedAsync(ReportsHarness h, int id, int times)
    {
        var skipped = $"skipped: Report 'Weekly widgets': {Problem}";
        h.Trigger(id);
        await Eventually.TrueAsync(() => h.App.SucceededResults().Count(r => r == skipped) == times, "the report job to be skipped", TimeSpan.FromSeconds(30));
        var jobs = h.App.Jobs.GetMonitoringApi();
        Assert.Equal((0L, 0L), (jobs.FailedCount(), jobs.ScheduledCount()));
        Assert.Empty(await h.RunsAsync(id));
        Assert.Empty(h.Smtp.Received);
        Assert.Empty(h.Webhook.Received);
    }
}
