using Health.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Health.Browser.Tests.Pages;

/// <summary>The Hangfire dashboard at <c>/jobs</c>, open to an operator on this machine.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JobsPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Open_RecurringJobs_ListsTheSyncOfEachRepository()
    {
        await using var db = fixture.App.NewDb();
        var ids = await db.Repositories.Where(r => r.RemovedAt == null).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        await using var page = await fixture.OpenAsync();

        await page.GotoAsync("/jobs/recurring");

        await Expect(page.Page.Locator(".navbar-brand")).ToHaveTextAsync("Health jobs");
        foreach (var id in ids)
        {
            await Expect(page.Page.Locator("table.table")).ToContainTextAsync($"sync-repository-{id}");
        }

        page.AssertNoProblems();
    }
}
