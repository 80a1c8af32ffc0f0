using System.Globalization;
using Health.Core.GitHub;
using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Content;
using Health.Core.Reports.Rendering;
using Health.Core.Storage;
using Health.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Cli;

/// <summary><c>report --repo OWNER/REPO --period week|month [--at yyyy-MM-dd] [--format html|md]</c>: the report of the last complete period before --at, on stdout.</summary>
internal static class ReportVerb
{
    public static async Task<int> RunAsync(string? repo, string? period, string? at, string? format, CliContext cli, CancellationToken ct)
    {
        if (Check(repo, period, at, format) is { } problem || !RepositoryName.TryParse(repo, out var name, out problem) || !Periods.TryParsePeriod(period, out var kind))
        {
            await cli.Error.WriteLineAsync($"error: {problem}");
            return ExitCodes.BadInput;
        }

        using var host = CliHost.Build(cli);
        if (!await CliHost.PrepareAsync(host, cli, ct))
        {
            return ExitCodes.BadInput;
        }

        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var before = at is null ? now : DateOnly.ParseExact(at, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var periodStart = ReportPeriods.LastCompleteBefore(before, kind);
        if (Periods.Next(periodStart, kind) > now)
        {
            await cli.Error.WriteLineAsync($"error: --at {at} is in the future: the {ReportPeriods.Describe(periodStart, kind)} has not ended yet");
            return ExitCodes.BadInput;
        }

        ResolvedScope? scope;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync(ct))
        {
            (scope, _) = await ResolvedScope.ResolveAsync(db, [new TrackTarget(name.Owner, name)], ct);
        }

        if (scope is null)
        {
            await cli.Error.WriteLineAsync($"error: {name} is not tracked: run 'sync {name}' first");
            return ExitCodes.BadInput;
        }

        var content = await host.Services.GetRequiredService<ReportBuilder>().BuildAsync(scope, kind, periodStart, ct);
        await cli.Out.WriteAsync(format == "html" ? HtmlReport.Render(content) : MarkdownReport.Render(content));
        await cli.Out.FlushAsync(ct);
        return ExitCodes.Ok;
    }

    /// <summary>The first problem with the options, or null; nothing is opened before they are right.</summary>
    private static string? Check(string? repo, string? period, string? at, string? format)
    {
        if (!RepositoryName.TryParse(repo, out _, out var error))
        {
            return repo is null ? "the repository is missing: --repo OWNER/REPO" : error;
        }

        if (!Periods.TryParsePeriod(period, out _))
        {
            return period is null ? "the period is missing: --period week or month" : $"'{period}' is not a period: week or month";
        }

        if (at is not null && !DateOnly.TryParseExact(at, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return $"'{at}' is not a date for --at: expected yyyy-MM-dd, e.g. 2026-11-02";
        }

        return format is null or "html" or "md" ? null : $"'{format}' is not a format: html or md";
    }
}
