using System.Globalization;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;

namespace Health.Web.Cli;

/// <summary><c>sync OWNER/REPO</c>: one sync (backfill or incremental) with progress, then a summary.</summary>
internal static class SyncVerb
{
    public static async Task<int> RunAsync(string repository, string? modeText, CliContext cli, CancellationToken ct)
    {
        if (!RepositoryName.TryParse(repository, out var name, out var error))
        {
            await cli.Error.WriteLineAsync($"error: {error}");
            return ExitCodes.BadInput;
        }

        GitHubMode? mode = modeText?.ToLowerInvariant() switch
        {
            null => null,
            "rest" => GitHubMode.Rest,
            "graphql" => GitHubMode.GraphQL,
            "auto" => GitHubMode.Auto,
            _ => (GitHubMode)(-1),
        };
        if (mode is { } m && !Enum.IsDefined(m))
        {
            await cli.Error.WriteLineAsync($"error: --mode must be rest, graphql or auto (got '{modeText}').");
            return ExitCodes.BadInput;
        }

        using var host = CliHost.Build(cli);
        if (!await CliHost.PrepareAsync(host, cli, ct))
        {
            return ExitCodes.BadInput;
        }

        var sync = host.Services.GetRequiredService<RepositorySync>();
        var time = host.Services.GetRequiredService<TimeProvider>();
        try
        {
            var tracked = await host.Services.GetRequiredService<Health.Core.Tracking.RepositoryTracker>().TrackAsync(name, ct);
            var report = await sync.SyncAsync(tracked.Repository.Id, new ConsoleProgress(cli.Error, time), ct, mode: mode);
            await WriteSummaryAsync(cli.Out, report with { Requests = report.Requests + tracked.Requests });
            switch (report.Outcome)
            {
                case SyncOutcome.Succeeded:
                    return ExitCodes.Ok;
                case SyncOutcome.Skipped:
                    await cli.Error.WriteLineAsync($"skipped: {report.Error}");
                    return ExitCodes.Skipped;
                case SyncOutcome.RateLimited:
                    await cli.Error.WriteLineAsync($"error: {report.Error}");
                    return ExitCodes.RateLimited;
                default:
                    await cli.Error.WriteLineAsync($"error: {report.Error}");
                    return ExitCodes.Failed;
            }
        }
        catch (GitHubException e)
        {
            await cli.Error.WriteLineAsync($"error: {e.Message}");
            return e is RateLimitExhaustedException ? ExitCodes.RateLimited : ExitCodes.Failed;
        }
    }

    private static async Task WriteSummaryAsync(TextWriter output, SyncReport report)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c, $"{report.Repository}: {report.Outcome.ToString().ToLowerInvariant()} in {report.Duration.TotalSeconds:0.0}s"));
        foreach (var (kind, (added, updated)) in report.Counts.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync(string.Create(c, $"  {kind,-15} added {added,8}  updated {updated,8}"));
        }

        if (report.Malformed > 0 || report.Vanished > 0)
        {
            await output.WriteLineAsync(string.Create(c, $"  skipped: {report.Malformed} malformed items, {report.Vanished} pull requests gone before their reviews were read"));
        }

        await output.WriteLineAsync(string.Create(c, $"requests: {report.Requests} ({report.NotModified} not modified)"));
        if (report.GraphQLRequests > 0)
        {
            await output.WriteLineAsync(string.Create(c, $"graphql: {report.GraphQLRequests} queries, {report.Points} points"));
        }

        await output.WriteLineAsync(report.RateLimitRemaining is { } left ? string.Create(c, $"rate limit left: {left}") : "rate limit left: unknown");
        if (report.ResumeAfter is { } resume)
        {
            await output.WriteLineAsync(string.Create(c, $"resume after: {resume:yyyy-MM-ddTHH:mm:ssZ}"));
        }
    }
}
