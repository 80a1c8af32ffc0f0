using System.Text;

namespace GitHubSimulator;

/// <summary>per_page/page as GitHub reads them (default 30, clamped to the maximum) and the page's Link header.</summary>
internal readonly record struct Paging(int PerPage, int Page)
{
    public const int DefaultPerPage = 30;

    public int Start => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PerPage);

    public static Paging From(QueryParams query, int maxPerPage)
    {
        int perPage = query.GetInt("per_page", DefaultPerPage);
        if (perPage < 1)
        {
            perPage = DefaultPerPage;
        }

        int page = query.GetInt("page", 1);
        return new Paging(Math.Min(perPage, Math.Max(1, maxPerPage)), Math.Max(1, page));
    }

    /// <summary>How many of <paramref name="total"/> items fall on this page.</summary>
    public int CountOn(int total) => Math.Clamp(total - Start, 0, PerPage);

    /// <summary>
    /// GitHub's Link header (absolute URLs; rel prev, next, last, first in that order), or null when everything fits
    /// on one page.
    /// </summary>
    public string? LinkHeader(int total, string origin, string path, QueryParams query)
    {
        int last = Math.Max(1, (int)(((long)total + PerPage - 1) / PerPage));
        if (Page == 1 && last == 1)
        {
            return null;
        }

        var link = new StringBuilder(256);
        if (Page > 1)
        {
            Append(link, origin, path, query, Page - 1, "prev");
        }

        if (Page < last)
        {
            Append(link, origin, path, query, Page + 1, "next");
            Append(link, origin, path, query, last, "last");
        }

        if (Page > 1)
        {
            Append(link, origin, path, query, 1, "first");
        }

        return link.ToString();
    }

    private static void Append(StringBuilder link, string origin, string path, QueryParams query, int page, string rel)
    {
        if (link.Length > 0)
        {
            link.Append(", ");
        }

        link.Append('<').Append(origin).Append(path).Append('?').Append(query.WithPage(page)).Append(">; rel=\"").Append(rel).Append('"');
    }
}
