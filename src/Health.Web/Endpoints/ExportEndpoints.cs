using Health.Core.Export;
using Health.Core.Metrics;
using Health.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace Health.Web.Endpoints;

/// <summary>CSV downloads: the same parameters as the CLI's <c>export</c>, as a query string.</summary>
internal static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        foreach (var kind in ExportService.Kinds)
        {
            app.MapGet($"/export/{kind}.csv", (HttpContext http, ExportService exports, [FromQuery] string[]? repo, [FromQuery] string? org, [FromQuery] string? period, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] bool? group) =>
                ExportAsync(kind, http, exports, new ExportQuery(repo ?? [], org, period, from, to, group ?? false))).Limit().RequireAuthorization(OperatorAccess.ReaderPolicy);
        }

        return app;
    }

    /// <summary>
    /// <c>GET /export/{kind}.csv?repo=OWNER/REPO&amp;period=month&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>
    /// (<c>repo</c> may repeat; <c>org=OWNER</c> for a whole owner; <c>group=true</c> to pool them).
    /// </summary>
    private static async Task ExportAsync(string kind, HttpContext http, ExportService exports, ExportQuery query)
    {
        var ct = http.RequestAborted;
        var today = DateOnly.FromDateTime(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        if (!ExportRequest.TryParse(query, periodRequired: ExportService.NeedsPeriod(kind), today, out var request, out var error))
        {
            await BadRequestAsync(http, error!);
            return;
        }

        var (repositories, unknown) = await exports.ResolveAsync(request!, AccessClaims.Visibility(http.User), ct);
        if (unknown is not null)
        {
            await BadRequestAsync(http, unknown);
            return;
        }

        // While the facts are derived again under changed bot rules (a background job), a download would hold stale figures.
        var derived = http.RequestServices.GetRequiredService<DerivedFacts>();
        var stale = (await derived.VersionsAsync([.. repositories.Select(r => r.Id)], ct)).Where(v => v.Stale).Select(v => v.RepositoryId).ToHashSet();
        if (stale.Count > 0)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "60";
            http.Response.ContentType = "text/plain; charset=utf-8";
            var names = string.Join(", ", repositories.Where(r => stale.Contains(r.Id)).Select(r => r.Name));
            await http.Response.WriteAsync($"The facts of {names} are being derived again under the changed bot rules; try again in a minute.\n", ct);
            return;
        }

        // CsvHelper writes into its TextWriter synchronously; the writers flush asynchronously every few rows, and
        // a row that overflows the buffer in between may write synchronously rather than fail the download.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{request!.FileName(kind)}\"";
        await using var writer = CsvFormat.Utf8(http.Response.Body);
        await exports.WriteAsync(kind, request, repositories, writer, ct);
    }

    private static async Task BadRequestAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message + "\n", http.RequestAborted);
    }
}
