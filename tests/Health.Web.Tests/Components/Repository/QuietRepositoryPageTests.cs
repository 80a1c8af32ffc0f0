using System.Globalization;
using Bunit;
using Health.Web.Components.Pages.Compare;
using Health.Web.Components.Pages.Repository;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Components.Repository;

/// <summary>
/// The first view of a repository whose activity ended long ago: the repository and compare pages open on the 12 months
/// up to its last activity and say so; a range in the URL is always kept.
/// </summary>
public sealed class QuietRepositoryPageTests(QuietWorldFixture fixture) : IClassFixture<QuietWorldFixture>
{
    [Fact]
    public async Task Render_QuietRepositoryNoRange_TheTwelveMonthsUpToItsLastActivityWithANote()
    {
        var last = await fixture.LastActivityAsync("acme/widgets");
        var (from, to) = TwelveMonthsTo(last);
        await using var ctx = fixture.NewContext();

        var page = Render(ctx, "");

        Assert.Equal($"No activity since {last.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}: showing the 12 months up to then. Show the last 12 months instead", Squash(page.Find("[data-testid=quiet-note]").TextContent));
        Assert.Equal("/repos/acme/widgets?period=month&from=2025-11-01&to=2026-11-15", page.Find("[data-testid=quiet-note] a").GetAttribute("href"));
        Assert.Contains($"{from} to {to}", page.Find(".range-note").TextContent, StringComparison.Ordinal);
        Assert.StartsWith($"/repos/acme/widgets/charts/pr-flow.csv?period=month&from={from}&to={to}", page.Find("[data-chart='pr-flow'] a.csv").GetAttribute("href"), StringComparison.Ordinal);
        var flow = page.FindAll("[data-chart='pr-flow'] tbody tr").Select(tr => tr.Children.Skip(1).Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal(12, flow.Count);
        Assert.Contains(flow[^1], cell => cell is not ("0" or ""));
        Assert.Equal([from, to], page.FindAll("form.filters input[type=date]").Select(i => i.GetAttribute("value") ?? string.Empty));
    }

    [Fact]
    public async Task Render_QuietRepositoryWithARangeInTheUrl_TheRangeWinsAndNoNote()
    {
        await using var ctx = fixture.NewContext();

        var page = Render(ctx, "?period=month&from=2025-01-01&to=2025-06-30");

        Assert.Empty(page.FindAll("[data-testid=quiet-note]"));
        Assert.Contains("2025-01-01 to 2025-06-30", page.Find(".range-note").TextContent, StringComparison.Ordinal);
        Assert.Equal(6, page.FindAll("[data-chart='pr-flow'] tbody tr").Count);
    }

    [Fact]
    public async Task Render_CompareQuietRepositoriesNoRange_EndsAtTheLatestLastActivityOfThem()
    {
        var last = new[] { await fixture.LastActivityAsync("acme/widgets"), await fixture.LastActivityAsync("acme/widgets-2") }.Max();
        var (from, to) = TwelveMonthsTo(last);
        await using var ctx = fixture.NewContext();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/compare?items=acme/widgets-2,acme/widgets");

        var page = ctx.Render<ComparePage>();

        page.WaitForAssertion(() => Assert.Equal(CompareCharts.Keys.Count, page.FindAll("[data-chart]").Count), TimeSpan.FromSeconds(20));
        Assert.StartsWith($"No activity since {last.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}: showing the 12 months up to then.", Squash(page.Find("[data-testid=quiet-note]").TextContent), StringComparison.Ordinal);
        Assert.Contains($"{from} to {to}", page.Find(".range-note").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/compare/charts/prs-opened.csv?items=acme/widgets-2,acme/widgets&period=month&from={from}&to={to}", page.Find("[data-chart='prs-opened'] a.csv").GetAttribute("href"));
        Assert.Equal([from, to], page.FindAll("form.picker input[type=date]").Select(i => i.GetAttribute("value") ?? string.Empty));
    }

    [Fact]
    public async Task Render_CompareQuietRepositoriesWithARangeInTheUrl_TheRangeWins()
    {
        await using var ctx = fixture.NewContext();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/compare?items=acme/widgets,acme/widgets-2&period=month&from=2025-01-01&to=2025-06-30");

        var page = ctx.Render<ComparePage>();

        page.WaitForAssertion(() => Assert.Equal(CompareCharts.Keys.Count, page.FindAll("[data-chart]").Count), TimeSpan.FromSeconds(20));
        Assert.Empty(page.FindAll("[data-testid=quiet-note]"));
        Assert.Contains("2025-01-01 to 2025-06-30", page.Find(".range-note").TextContent, StringComparison.Ordinal);
    }

    private static IRenderedComponent<RepositoryPage> Render(BunitContext ctx, string query)
    {
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/repos/acme/widgets{query}");
        var page = ctx.Render<RepositoryPage>(p => p.Add(c => c.Owner, "acme").Add(c => c.Name, "widgets"));
        page.WaitForAssertion(() => Assert.Equal(RepositoryCharts.Keys.Count, page.FindAll("[data-chart]").Count), TimeSpan.FromSeconds(20));
        return page;
    }

    /// <summary>The 12 whole months that end with the month of <paramref name="last"/>, as the page writes them.</summary>
    private static (string From, string To) TwelveMonthsTo(DateTime last)
    {
        var month = new DateTime(last.Year, last.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return (month.AddMonths(-11).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
