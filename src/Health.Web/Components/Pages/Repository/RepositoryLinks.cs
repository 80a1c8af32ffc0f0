namespace Health.Web.Components.Pages.Repository;

/// <summary>The repository page's own links, built on <see cref="DashboardUrls"/> so their query strings read the same.</summary>
public static class RepositoryLinks
{
    /// <summary>The page showing <paramref name="view"/>, every filter written out so the link reproduces the view.</summary>
    public static string Page(string owner, string name, RepositoryView view) =>
        DashboardUrls.Repository(owner, name, view.Period, view.From, view.To, view.Bots);

    /// <summary><c>/repos/{owner}/{name}/charts/{chart}.csv?...</c>: the CSV of one chart's table, for the same view.</summary>
    public static string ChartCsv(string owner, string name, string chart, RepositoryView view)
    {
        var page = Page(owner, name, view);
        var query = page.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? page : page[..query];
        return $"{path}/charts/{Uri.EscapeDataString(chart)}.csv{(query < 0 ? string.Empty : page[query..])}";
    }
}
