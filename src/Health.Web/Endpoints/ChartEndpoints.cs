using System.Globalization;
using Health.Core.Dashboard;
using Health.Core.Export;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Web.Access;
using Health.Web.Components.Charts;
using Health.Web.Components.Pages.Compare;
using Health.Web.Components.Pages.Repository;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Endpoints;

/// <summary>The CSV behind each chart of the repository and compare pages: the same rows and columns as the chart's table view.</summary>
internal static class ChartEndpoints
{
    /// <summary><c>GET /repos/{owner}/{name}/charts/{chart}.csv?period=month|week&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;bots=true</c>.</summary>
    public static IEndpointRouteBuilder MapChartExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/repos/{owner}/{name}/charts/{chart}.csv", ChartCsvAsync).Limit().RequireAuthorization(OperatorAccess.ReaderPolicy);
        app.MapGet("/compare/charts/{chart}.csv", CompareCsvAsync).Limit().RequireAuthorization(OperatorAccess.ReaderPolicy);
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
        IOptions<IntakeOptions> intake,
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

        if (await RepositoryLookup.FindAsync(dbFactory, owner, name, AccessClaims.Visibility(http.User), ct) is not { } repo)
        {
            await PlainAsync(http, StatusCodes.Status404NotFound, $"{owner}/{name} is not a repository Health tracks.");
            return;
        }

        var charts = await RepositoryCharts.LoadAsync(metrics, dashboard, repo.Id, repo.FullName, view, intake.Value.ResponseTarget, ct);
        await CsvAsync(http, charts.Single(c => c.Key == chart).Table, FileName($"{repo.Owner}-{repo.Name}", chart, view.Period, view.From, view.To, view.Bots));
    }

    /// <summary><c>GET /compare/charts/{chart}.csv?items=a/b,c&amp;period=month|week&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>.</summary>
    private static async Task CompareCsvAsync(
        HttpContext http,
        string chart,
        [FromQuery] string? items,
        [FromQuery] string? period,
        [FromQuery] string? from,
        [FromQuery] string? to,
        IDbContextFactory<HealthDb> dbFactory,
        MetricsService metrics,
        IOptions<IntakeOptions> intake,
        TimeProvider time)
    {
        var ct = http.RequestAborted;
        var view = CompareView.Parse(items, period, from, to, time.GetUtcNow().UtcDateTime);
        if (!CompareCharts.Keys.Contains(chart, StringComparer.Ordinal))
        {
            await PlainAsync(http, StatusCodes.Status404NotFound, $"There is no chart '{chart}'; the charts are {string.Join(", ", CompareCharts.Keys)}.");
            return;
        }

        var (scopes, missing) = await CompareScopes.ResolveAsync(dbFactory, view.Items, AccessClaims.Visibility(http.User), ct);
        string[] problems = [.. view.Problems, .. missing];
        if (problems.Length > 0 || scopes.Count == 0)
        {
            await PlainAsync(http, StatusCodes.Status400BadRequest, problems.Length > 0 ? string.Join(" ", problems) : "items: name at least one repository (owner/name) or organisation (owner) to compare.");
            return;
        }

        var charts = await CompareCharts.LoadAsync(metrics, scopes, view, intake.Value.ResponseTarget, ct);
        await CsvAsync(http, charts.Single(c => c.Key == chart).Table, FileName("compare-" + string.Join("-", scopes.Select(s => s.Item.Text)), chart, view.Period, view.From, view.To, bots: false));
    }

    private static async Task CsvAsync(HttpContext http, ChartTable table, string fileName)
    {
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
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await http.Response.WriteAsync(text.ToString(), http.RequestAborted);
    }

    /// <summary>Says what is inside, e.g. <c>acme-widgets-pr-flow-month-2025-11-01-to-2026-11-28.csv</c>.</summary>
    private static string FileName(string subject, string chart, PeriodKind kind, DateOnly from, DateOnly to, bool bots)
    {
        var d = CultureInfo.InvariantCulture;
        var raw = $"{subject}-{chart}-{RepositoryView.Unit(kind)}-{from.ToString("yyyy-MM-dd", d)}-to-{to.ToString("yyyy-MM-dd", d)}{(bots ? "-bots" : string.Empty)}.csv";
        return new string(raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray());
    }

    private static async Task PlainAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message + "\n", http.RequestAborted);
    }
}
