using Bunit;
using Health.Web.Components.Pages;
using Health.Web.Components.Pages.Compare;
using Health.Web.Components.Pages.Overview;
using Health.Web.Components.Pages.Reports;
using Health.Web.Components.Pages.Repositories;
using Health.Web.Components.Pages.Repository;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Health.Web.Tests.Components.Pages;

/// <summary>
/// What every live page inherits from <see cref="LivePage"/>: a load that fails is logged under the page's category and
/// shown as what failed and what to do (never the exception's text), the next tick of the refresh tries it again, and
/// closing the page stops the refresh.
/// </summary>
public sealed class LivePageTests : IAsyncLifetime
{
    private const string Busy = "the database is busy (a sync may be writing to it); the page tries again in 2 s.";
    private readonly LivePageContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void Load_OverviewWhileTheDatabaseIsBusy_LoggedShownAndRetriedByTheNextTick() =>
        AssertFailedLoadShownThenRetried(() => _ctx.Render<OverviewPage>(), "the repositories' cards", "[data-testid=empty]");

    [Fact]
    public void Load_RepositoryWhileTheDatabaseIsBusy_LoggedShownAndRetriedByTheNextTick()
    {
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/repos/acme/widgets");
        AssertFailedLoadShownThenRetried(() => _ctx.Render<RepositoryPage>(p => p.Add(c => c.Owner, "acme").Add(c => c.Name, "widgets")), "the repository's figures", "[data-testid=not-found]");
    }

    [Fact]
    public void Load_CompareWhileTheDatabaseIsBusy_LoggedShownAndRetriedByTheNextTick()
    {
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/compare?items=acme/widgets,acme/gadgets");
        AssertFailedLoadShownThenRetried(() => _ctx.Render<ComparePage>(), "the compared figures", "[data-testid=nothing-tracked]");
    }

    [Fact]
    public void Load_RepositoriesWhileTheDatabaseIsBusy_LoggedShownAndRetriedByTheNextTick() =>
        AssertFailedLoadShownThenRetried(() => _ctx.Render<RepositoriesPage>(), "the tracked repositories", "[data-testid=empty]");

    [Fact]
    public void Load_ReportsWhileTheDatabaseIsBusy_LoggedShownAndRetriedByTheNextTick() =>
        AssertFailedLoadShownThenRetried(() => _ctx.Render<ReportsPage>(), "the report schedules and archive", "[data-testid=no-schedules]");

    [Fact]
    public async Task Dispose_LivePage_StopsTheRefresh()
    {
        var page = _ctx.Render<OverviewPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty]")));
        var refreshing = page.Instance.Refreshing;
        Assert.False(refreshing.IsCompleted, "An interactive page refreshes while it is open.");
        var opened = _ctx.Database.Opened;
        _ctx.Time.Advance(LivePageContext.Interval);
        page.WaitForAssertion(() => Assert.Equal(opened + 1, _ctx.Database.Opened)); // a tick read the cards again

        await _ctx.DisposeComponentsAsync();

        await refreshing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(refreshing.IsCompletedSuccessfully, "Closing the page ends the refresh quietly.");
        var afterClose = _ctx.Database.Opened;
        for (var i = 0; i < 5; i++)
        {
            _ctx.Time.Advance(LivePageContext.Interval);
        }

        Assert.Equal(afterClose, _ctx.Database.Opened);
        Assert.DoesNotContain(_ctx.Logs.Pages, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void Reason_NamesTheCauseInWordsAndTheIntervalInUnits()
    {
        Assert.Equal("the database is busy (a sync may be writing to it)", LivePage.Reason(new InvalidOperationException("wrapped", new SqliteException("database is locked", 5))));
        Assert.Equal("the database took too long to answer", LivePage.Reason(new TaskCanceledException("timeout")));
        Assert.Equal("the database could not be read (the server log says why)", LivePage.Reason(new SqliteException("disk I/O error", 10)));
        Assert.Equal("an unexpected error, written to the server log", LivePage.Reason(new InvalidOperationException("sequence contains no elements")));
        Assert.Equal("2 s", LivePage.Interval(TimeSpan.FromSeconds(2)));
        Assert.Equal("1.5 s", LivePage.Interval(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal("50 ms", LivePage.Interval(TimeSpan.FromMilliseconds(50)));
    }

    private void AssertFailedLoadShownThenRetried<TPage>(Func<IRenderedComponent<TPage>> render, string what, string loaded)
        where TPage : LivePage
    {
        _ctx.Database.Busy = true;

        var page = render();

        page.WaitForAssertion(() => Assert.Equal($"Could not load {what}: {Busy}", page.Find("[data-testid=load-error]").TextContent));
        Assert.DoesNotContain("database is locked", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(page.FindAll("p.muted"), p => p.TextContent == "Loading…");
        var logged = Assert.Single(_ctx.Logs.Pages, e => e.Level >= LogLevel.Warning);
        Assert.Equal((typeof(TPage).FullName, LogLevel.Error, $"Could not load {what}"), (logged.Category, logged.Level, logged.Message));
        Assert.Equal(5, Assert.IsType<SqliteException>(logged.Exception).SqliteErrorCode);

        _ctx.Database.Busy = false;
        _ctx.Time.Advance(LivePageContext.Interval);

        page.WaitForAssertion(() => Assert.NotNull(page.Find(loaded)));
        Assert.Empty(page.FindAll("[data-testid=load-error]"));
        Assert.Single(_ctx.Logs.Pages, e => e.Level >= LogLevel.Warning);
    }
}
