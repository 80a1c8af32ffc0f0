using System.Globalization;
using Health.Core.Dashboard;
using Health.Core.Export;
using Health.Core.Metrics;
using Health.Core.Storage;
using Health.Web.Components.Pages.Repository;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Endpoints;

/// <summary>The CSV behind each chart of the repository page: the same rows and columns as the chart's table view.</summary>
internal static class ChartEndpoints
{
    /// <summary><c>GET /repos/{owner}/{name}/charts/{chart}.csv?period=month|week&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;bots=true</c>.</summary>
    public static IEndpointRouteBuilder MapChartExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/repos/{owner}/{name}/charts/{chart}.csv", ChartCsvAsync);
        return app;
    }

    private static async Task ChartCsvAsync(
        HttpContext http,
        string owner,
        string name,
        string chart,
        [FromQuery] string? period,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] string? bots,
        IDbContextFactory<HealthDb> dbFactory,
        MetricsService metrics,
        DashboardService dashboard,
        TimeProvider time)
    {
        var ct = http.RequestAborted;
        var view = RepositoryView.Parse(period, from, to, bots, time.GetUtcNow().UtcDateTime);
        if (view.Problems.Count > 0)
        {
            await PlainAsync(http, StatusCodes.Status400BadRequest, string.Join(" ", view.Problems));
            return;
        }

        if (!RepositoryCharts.Keys.Contains(chart, StringComparer.Ordinal))
        {
            await PlainAsync(http, StatusCodes.Status404NotFound, $"There is no chart '{chart}'; the charts are {string.Join(", ", RepositoryCharts.Keys)}.");
            return;
        }

        if (await RepositoryLookup.FindAsync(dbFactory, owner, name, ct) is not { } repo)
        {
            await PlainAsync(http, StatusCodes.Status404NotFound, $"{owner}/{name} is not a repository Health tracks.");
            return;
        }

        var charts = await RepositoryCharts.LoadAsync(metrics, dashboard, repo.Id, repo.FullName, view, ct);
        var table = charts.Single(c => c.Key == chart).Table;
        await using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        await using (var csv = CsvFormat.CreateWriter(text))
        {
            CsvFormat.WriteRow(csv, table.Header);
            foreach (var row in table.Cells())
            {
                CsvFormat.WriteRow(csv, row);
            }
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(repo.Owner, repo.Name, chart, view)}\"";
        await http.Response.WriteAsync(text.ToString(), ct);
    }

    /// <summary>Says what is inside, e.g. <c>acme-widgets-pr-flow-month-2025-11-01-to-2026-11-28.csv</c>.</summary>
    private static string FileName(string owner, string name, string chart, RepositoryView view)
    {
        var d = CultureInfo.InvariantCulture;
        var raw = $"{owner}-{name}-{chart}-{RepositoryView.Unit(view.Period)}-{view.From.ToString("yyyy-MM-dd", d)}-to-{view.To.ToString("yyyy-MM-dd", d)}{(view.Bots ? "-bots" : string.Empty)}.csv";
        return new string(raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray());
    }

    private static async Task PlainAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message + "\n", http.RequestAborted);
    }
}
