using System.Globalization;
using Health.Core.Metrics.Formulas;

namespace Health.Web.Components;

/// <summary>Every link between the dashboard's pages, built in one place so a link always reproduces the view.</summary>
public static class DashboardUrls
{
    public const string Overview = "/";

    public const string Repositories = "/repositories";

    public const string Compare = "/compare";

    public const string Definitions = "/definitions";

    /// <summary>The repository page; the filters are in the query string and omitted when they are the defaults.</summary>
    public static string Repository(string owner, string name, PeriodKind? period = null, DateOnly? from = null, DateOnly? to = null, bool bots = false)
    {
        var query = new List<string>();
        if (period is { } p)
        {
            query.Add($"period={(p == PeriodKind.Week ? "week" : "month")}");
        }

        if (from is { } f)
        {
            query.Add($"from={f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        if (to is { } t)
        {
            query.Add($"to={t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        if (bots)
        {
            query.Add("bots=true");
        }

        var path = $"/repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}";
        return query.Count == 0 ? path : $"{path}?{string.Join("&", query)}";
    }

    /// <summary>The definition of a metric on the definitions page (its anchor is the CSV column name).</summary>
    public static string Definition(string column) => $"{Definitions}#{column}";
}
