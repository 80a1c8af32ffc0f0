using System.Text;
using Health.Core.Reports;
using Health.Core.Storage;
using Health.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Endpoints;

/// <summary>Downloads of an archived report, for operators: <c>/reports/archive/{id}.html</c>, <c>.md</c> and <c>.csv</c> (the metrics CSV of its period).</summary>
internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/archive/{id:int}.{format}", DownloadAsync).RequireAuthorization(OperatorAccess.Policy);
        return app;
    }

    private static async Task<IResult> DownloadAsync(int id, string format, IDbContextFactory<HealthDb> dbFactory, CancellationToken ct)
    {
        if (!ArchiveFiles.MediaTypes.TryGetValue(format, out var mediaType))
        {
            return Results.NotFound($"No such format '{format}': html, md or csv.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ReportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return Results.NotFound($"No report #{id} in the archive.");
        }

        var name = ArchiveFiles.Name(run, format == "csv" ? "metrics" : "report", format);
        return Results.File(Encoding.UTF8.GetBytes(ArchiveFiles.Content(run, format)), mediaType, name);
    }
}
