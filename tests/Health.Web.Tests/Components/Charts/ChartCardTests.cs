using Bunit;
using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Web.Components.Charts;
using Health.Web.Components.Pages.Repository;

namespace Health.Web.Tests.Components.Charts;

/// <summary>The chart card: chart, explanation, definition link, an accessible table of exactly the chart's data, the CSV link.</summary>
public sealed class ChartCardTests : BunitContext
{
    public ChartCardTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    [Fact]
    public void Render_MergeRateChart_TableHoldsTheSameCellsAsTheCsv()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var row = new MetricsRow("acme/widgets", start, 3, 2, 1, 2.0 / 3, 1, null, null, 0, null, null, null, 0, 0, null, null, 0, 0, 0, 0, null, null, null);
        var chart = RepositoryCharts.Build(new ChartInput([row], new DashboardCharts([], []), PeriodKind.Month, Bots: false, [], TimeSpan.FromHours(48))).Single(c => c.Key == "merge-rate");

        var card = Render<ChartCard>(p => p.Add(c => c.Chart, chart).Add(c => c.CsvUrl, "/repos/acme/widgets/charts/merge-rate.csv"));

        Assert.Equal("Merge rate", card.Find("figcaption").TextContent);
        Assert.Equal("/definitions#merge_rate", card.Find(".explain a").GetAttribute("href"));
        Assert.Equal("Merge rate", card.Find("details table caption").TextContent);
        Assert.Equal(["period_start", "merge_rate", "newcomer_pr_merge_rate"], card.FindAll("thead th[scope=col]").Select(th => th.GetAttribute("data-column")));
        Assert.Equal("2026-01-01", card.Find("tbody th[scope=row]").TextContent);
        Assert.Equal(["0.6667", ""], card.FindAll("tbody td").Select(td => td.TextContent));
        Assert.Equal("/repos/acme/widgets/charts/merge-rate.csv", card.Find("a.csv").GetAttribute("href"));
    }
}
