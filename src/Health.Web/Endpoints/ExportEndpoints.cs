using Health.Core.Export;
using Microsoft.AspNetCore.Mvc;

namespace Health.Web.Endpoints;

/// <summary>CSV downloads: the same parameters as the CLI's <c>export</c>, as a query string.</summary>
internal static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/metrics.csv", MetricsAsync);
        return app;
    }

    /// <summary><c>GET /export/metrics.csv?repo=OWNER/REPO&amp;period=month&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c> (<c>repo</c> may repeat; <c>org=OWNER</c> for a whole owner).</summary>
    private static async Task MetricsAsync(
        HttpContext http,
        ExportService exports,
        [FromQuery] string[]? repo,
        [FromQuery] string? org,
        [FromQuery] string? period,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] bool? group)
    {
        var ct = http.RequestAborted;
        if (!ExportRequest.TryParse(new ExportQuery(repo ?? [], org, period, from, to, group ?? false), out var request, out var error))
        {
            await BadRequestAsync(http, error!);
            return;
        }

        var (repositories, unknown) = await exports.ResolveAsync(request!, ct);
        if (unknown is not null)
        {
            await BadRequestAsync(http, unknown);
            return;
        }

        var rows = await exports.MetricsAsync(request!, repositories, ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{request!.FileName("metrics")}\"";
        await using var writer = CsvFormat.Utf8(http.Response.Body);
        await MetricsCsv.WriteAsync(writer, rows, ct);
    }

    private static async Task BadRequestAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message + "\n", http.RequestAborted);
    }
}
