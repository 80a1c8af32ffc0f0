using Bunit;
using Health.Core.Storage.Entities;
using Health.Web.Components.Pages.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Tests.Components.Repositories;

/// <summary>The repositories page over a real database: each sync state, the empty state, adding, removing, live updates.</summary>
public sealed class RepositoriesPageTests : IAsyncLifetime
{
    private readonly PageFixture _ctx = new();

    public Task InitializeAsync() => _ctx.StartAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Render_NothingTracked_ShowsWhatToDoFirst()
    {
        var page = _ctx.Render<RepositoriesPage>();

        page.WaitForAssertion(() => Assert.Contains("Nothing is tracked yet", page.Find("[data-testid=empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_EachSyncState_ShowsItsBadgeAndDetails()
    {
        var reset = new DateTime(2026, 11, 28, 13, 5, 0, DateTimeKind.Utc);
        await _ctx.SeedAsync("acme/never");
        await _ctx.SeedAsync("acme/backfill", new SyncStatus { State = SyncState.Running, Percent = 42.5, ItemsSoFar = 1234 });
        await _ctx.SeedAsync("acme/idle", new SyncStatus { State = SyncState.Idle, LastSuccessAt = reset.AddHours(-1), Requests = 12, NotModified = 5, RateLimitRemaining = 4990 });
        await _ctx.SeedAsync("acme/failed", new SyncStatus { State = SyncState.Failed, LastError = "GitHub kept failing on /repos/acme/failed/issues: 502 BadGateway after 6 attempts." });
        await _ctx.SeedAsync("acme/waiting", new SyncStatus { State = SyncState.WaitingForRateLimit, RateLimitResetAt = reset });
        await _ctx.SeedAsync("acme/paused", new SyncStatus { State = SyncState.Idle }, r => r.Paused = true);
        await _ctx.SeedAsync("acme/removed", new SyncStatus { State = SyncState.Idle }, r => r.RemovedAt = reset);
        await _ctx.SeedAsync("acme/graphql", new SyncStatus { State = SyncState.Idle, Requests = 231, NotModified = 1, RateLimitRemaining = 4998, GraphQLRequests = 225, Points = 1096, PointsRemaining = 3904 });

        var page = _ctx.Render<RepositoriesPage>();

        page.WaitForAssertion(() => Assert.Equal(8, page.FindAll("tr[data-repo]").Count));
        Assert.Contains("225 GraphQL queries, 1,096 points", Row(page, "acme/graphql").TextContent, StringComparison.Ordinal);
        Assert.Contains("rate limit left: 4,998, 3,904 GraphQL points", Row(page, "acme/graphql").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("GraphQL", Row(page, "acme/idle").TextContent, StringComparison.Ordinal);
        Assert.Equal("never-synced", Row(page, "acme/never").GetAttribute("data-state"));
        Assert.Contains("Never synced", Row(page, "acme/never").TextContent, StringComparison.Ordinal);
        Assert.Contains("Backfilling 42.5%", Row(page, "acme/backfill").TextContent, StringComparison.Ordinal);
        Assert.Contains("1,234 items so far", Row(page, "acme/backfill").TextContent, StringComparison.Ordinal);
        Assert.Equal("42.5", Row(page, "acme/backfill").QuerySelector("progress")!.GetAttribute("value"));
        Assert.Contains("Idle", Row(page, "acme/idle").TextContent, StringComparison.Ordinal);
        Assert.Contains("12 requests (5 not modified)", Row(page, "acme/idle").TextContent, StringComparison.Ordinal);
        Assert.Contains("rate limit left: 4,990", Row(page, "acme/idle").TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-11-28 12:05 UTC", Row(page, "acme/idle").TextContent, StringComparison.Ordinal);
        Assert.Contains("502 BadGateway after 6 attempts", Row(page, "acme/failed").TextContent, StringComparison.Ordinal);
        Assert.Contains("Waiting for the rate limit", Row(page, "acme/waiting").TextContent, StringComparison.Ordinal);
        Assert.Contains("until 2026-11-28 13:05 UTC", Row(page, "acme/waiting").TextContent, StringComparison.Ordinal);
        Assert.Contains("Resume", Row(page, "acme/paused").TextContent, StringComparison.Ordinal);
        Assert.Contains("paused", Row(page, "acme/paused").Children[3].TextContent, StringComparison.Ordinal);
        Assert.Contains("not tracked", Row(page, "acme/removed").TextContent, StringComparison.Ordinal);
        Assert.Contains("Track again", Row(page, "acme/removed").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SyncProgresses_RowUpdatesWithoutReload()
    {
        var id = await _ctx.SeedAsync("acme/live", new SyncStatus { State = SyncState.Running, Percent = 10, ItemsSoFar = 100 });
        var page = _ctx.Render<RepositoriesPage>();
        page.WaitForAssertion(() => Assert.Contains("Backfilling 10%", Row(page, "acme/live").TextContent, StringComparison.Ordinal));

        await using (var db = _ctx.NewDb())
        {
            await db.SyncStatuses.Where(s => s.RepositoryId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Percent, 80).SetProperty(x => x.ItemsSoFar, 900));
        }

        page.WaitForAssertion(() => Assert.Contains("Backfilling 80%", Row(page, "acme/live").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("900 items so far", Row(page, "acme/live").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b/c", "'a/b/c' is not a repository name")]
    [InlineData("acme/does-not-exist", "GitHub knows no repository acme/does-not-exist")]
    public async Task Add_InvalidOrUnknown_ShowsTheProblemAndSavesNothing(string input, string message)
    {
        var page = _ctx.Render<RepositoriesPage>();

        await page.InvokeAsync(() => page.Find("#add-input").Input(input));
        await page.InvokeAsync(() => page.Find("form.add").SubmitAsync());

        page.WaitForAssertion(() => Assert.Contains(message, page.Find("[data-testid=message]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal("alert", page.Find("[data-testid=message]").GetAttribute("role"));
        await using var db = _ctx.NewDb();
        Assert.Equal(0, await db.Repositories.CountAsync());
        Assert.Empty(_ctx.Scheduler.Calls);
    }

    [Fact]
    public async Task Add_KnownRepository_SchedulesItAndStartsItsFirstSync()
    {
        var page = _ctx.Render<RepositoriesPage>();

        await page.InvokeAsync(() => page.Find("#add-input").Input("acme/widgets"));
        await page.InvokeAsync(() => page.Find("form.add").SubmitAsync());

        page.WaitForAssertion(() => Assert.Contains("Added acme/widgets", page.Find("[data-testid=message]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Equal("never-synced", Row(page, "acme/widgets").GetAttribute("data-state")));
        Assert.Equal(["schedule acme/widgets 0 * * * *", "sync 1"], _ctx.Scheduler.Calls);
    }

    [Fact]
    public async Task Remove_KeepData_AsksFirstThenUntracksAndKeepsTheRow()
    {
        var id = await _ctx.SeedAsync("acme/gone", new SyncStatus { State = SyncState.Idle });
        var page = _ctx.Render<RepositoriesPage>();
        page.WaitForAssertion(() => Row(page, "acme/gone"));

        await page.InvokeAsync(() => Row(page, "acme/gone").QuerySelectorAll("button").Single(b => b.TextContent == "Remove").Click());
        Assert.Contains("Stop tracking acme/gone?", page.Find("[data-testid=confirm-remove]").TextContent, StringComparison.Ordinal);
        await page.InvokeAsync(() => page.Find("[data-testid=confirm-remove]").QuerySelectorAll("button").Single(b => b.TextContent == "Stop tracking, keep data").Click());

        page.WaitForAssertion(() => Assert.Contains("Track again", Row(page, "acme/gone").TextContent, StringComparison.Ordinal));
        Assert.Contains($"unschedule {id}", _ctx.Scheduler.Calls);
        await using var db = _ctx.NewDb();
        Assert.NotNull((await db.Repositories.SingleAsync(r => r.Id == id)).RemovedAt);
    }

    [Fact]
    public async Task Schedule_InvalidCronOrZone_ShowsWhatIsWrong()
    {
        await _ctx.SeedAsync("acme/sched", new SyncStatus { State = SyncState.Idle });
        var page = _ctx.Render<RepositoriesPage>();
        page.WaitForAssertion(() => Row(page, "acme/sched"));
        await page.InvokeAsync(() => Row(page, "acme/sched").QuerySelectorAll("button").Single(b => b.TextContent == "Schedule").Click());

        await page.InvokeAsync(() => page.Find("input[aria-label='Cron expression']").Change("every hour"));
        await page.InvokeAsync(() => page.Find("[data-testid=edit-schedule] form").SubmitAsync());
        page.WaitForAssertion(() => Assert.Contains("'every hour' is not a cron expression", page.Find("[data-testid=message]").TextContent, StringComparison.Ordinal));

        await page.InvokeAsync(() => page.Find("input[aria-label='Cron expression']").Change("30 6 * * 1"));
        await page.InvokeAsync(() => page.Find("input[aria-label='Time zone']").Change("Mars/Olympus"));
        await page.InvokeAsync(() => page.Find("[data-testid=edit-schedule] form").SubmitAsync());
        page.WaitForAssertion(() => Assert.Contains("'Mars/Olympus' is not a time zone", page.Find("[data-testid=message]").TextContent, StringComparison.Ordinal));

        await page.InvokeAsync(() => page.Find("input[aria-label='Time zone']").Change("Europe/Berlin"));
        await page.InvokeAsync(() => page.Find("[data-testid=edit-schedule] form").SubmitAsync());
        page.WaitForAssertion(() => Assert.Contains("now syncs on '30 6 * * 1' (Europe/Berlin)", page.Find("[data-testid=message]").TextContent, StringComparison.Ordinal));
        Assert.Contains("schedule acme/sched 30 6 * * 1", _ctx.Scheduler.Calls);
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<RepositoriesPage> page, string name) => page.Find($"tr[data-repo='{name}']");
}
