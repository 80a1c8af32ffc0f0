using System.Globalization;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Core.Tracking;
using Health.Web.Access;
using Health.Web.Components.Pages.Repository;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Badges;

/// <summary>
/// <c>GET /badges/OWNER/NAME/{first-response|merge-rate|response-target}.svg</c>: the last complete month's figure of a public
/// tracked repository, for its README. No data gives a grey "no data" badge; a repository that is not tracked, or not
/// public, gives 404 (never an error image). Cached for an hour.
/// </summary>
internal static class BadgeEndpoints
{
    public static readonly IReadOnlyList<string> Kinds = ["first-response", "merge-rate", "response-target"];

    public static IEndpointRouteBuilder MapBadges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/badges/{owner}/{name}/{badge}.svg", BadgeAsync).Limit().RequireAuthorization(OperatorAccess.ReaderPolicy);
        return app;
    }

    private static async Task<IResult> BadgeAsync(
        string owner, string name, string badge, IDbContextFactory<HealthDb> dbFactory, MetricsService metrics, IOptions<IntakeOptions> intake, TimeProvider time, CancellationToken ct)
    {
        if (!Kinds.Contains(badge, StringComparer.Ordinal))
        {
            return Results.NotFound($"There is no badge '{badge}'; the badges are {string.Join(", ", Kinds)}.");
        }

        // A README is public: only public repositories that are tracked now, whoever asks.
        var repo = await RepositoryLookup.FindAsync(dbFactory, owner, name, RepositoryVisibility.PublicOnly, ct);
        if (repo is null || !repo.IsTracked)
        {
            return Results.NotFound($"{owner}/{name} is not a public repository Health tracks.");
        }

        var (month, from, to) = LastCompleteMonth(time.GetUtcNow().UtcDateTime);
        var label = repo.FullName;
        var (title, value, color) = badge switch
        {
            "first-response" => FirstResponse((await metrics.ForRepositoryAsync(repo.Id, label, PeriodKind.Month, from, to, ct)).SingleOrDefault()),
            "merge-rate" => MergeRate((await metrics.ForRepositoryAsync(repo.Id, label, PeriodKind.Month, from, to, ct)).SingleOrDefault()),
            _ => ResponseTarget((await metrics.IntakeAsync([repo.Id], label, PeriodKind.Month, from, to, intake.Value.ResponseTarget, ct)).SingleOrDefault(), intake.Value.ResponseTargetHours),
        };
        var svg = BadgeSvg.Render(title, value ?? "no data", value is null ? BadgeSvg.Grey : color, $"{label}, {month}: {title} {value ?? "no data"}");
        return new CachedResult(Results.Text(svg, "image/svg+xml; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status200OK));
    }

    private static (string Month, DateOnly From, DateOnly To) LastCompleteMonth(DateTime now)
    {
        var start = Periods.StartOf(now, PeriodKind.Month).AddMonths(-1);
        return (start.ToString("yyyy-MM", CultureInfo.InvariantCulture), DateOnly.FromDateTime(start), DateOnly.FromDateTime(start.AddMonths(1).AddDays(-1)));
    }

    /// <summary>The median first response in hours, as the metrics CSV writes it.</summary>
    private static (string, string?, string) FirstResponse(MetricsRow? row) =>
        ("first response", row?.PrFirstResponseMedianH is { } h ? CsvNumbers.Hours(h) + " h" : null,
         row?.PrFirstResponseMedianH is { } hours ? hours <= 24 ? BadgeSvg.Green : hours <= 72 ? BadgeSvg.Yellow : BadgeSvg.Red : BadgeSvg.Grey);

    private static (string, string?, string) MergeRate(MetricsRow? row) =>
        ("merge rate", Percent(row?.MergeRate), Color(row?.MergeRate, good: 0.7, fair: 0.4));

    private static (string, string?, string) ResponseTarget(IntakeRow? row, double targetHours) =>
        ($"answered in {targetHours.ToString("0.##", CultureInfo.InvariantCulture)} h", Percent(row?.ResponseTargetRate), Color(row?.ResponseTargetRate, good: 0.9, fair: 0.7));

    /// <summary>A rate as a percentage with one decimal (the CSV's four-decimal fraction, times 100).</summary>
    internal static string? Percent(double? rate) =>
        rate is { } r ? (decimal.Parse(CsvNumbers.Rate(r), CultureInfo.InvariantCulture) * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : null;

    private static string Color(double? rate, double good, double fair) =>
        rate is not { } r ? BadgeSvg.Grey : r >= good ? BadgeSvg.Green : r >= fair ? BadgeSvg.Yellow : BadgeSvg.Red;

    /// <summary>The badge with cache headers: an hour, as the figure is a complete month's.</summary>
    private sealed class CachedResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "public, max-age=3600";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
