namespace Health.Web.Components.Pages.Compare;

/// <summary>The compare page's links, every filter written out so a link reproduces the view.</summary>
public static class CompareLinks
{
    /// <summary>The page showing <paramref name="view"/>.</summary>
    public static string Page(CompareView view) => $"{DashboardUrls.Compare}?{view.Query()}";

    /// <summary><c>/compare/charts/{chart}.csv?...</c>: the CSV of one chart's table, for the same view.</summary>
    public static string ChartCsv(string chart, CompareView view) => $"{DashboardUrls.Compare}/charts/{Uri.EscapeDataString(chart)}.csv?{view.Query()}";
}
