using Health.Core.Export;
using Health.Core.Metrics;

namespace Health.Web.Cli;

/// <summary><c>export metrics|prs|contributors|cohorts --repo OWNER/REPO --period month|week [--from] [--to] [--out FILE]</c>.</summary>
internal static class ExportVerb
{
    public static async Task<int> RunAsync(string kind, ExportQuery query, string? outFile, CliContext cli, CancellationToken ct)
    {
        if (!ExportRequest.TryParse(query, periodRequired: ExportService.NeedsPeriod(kind), DateOnly.FromDateTime(DateTime.UtcNow), out var request, out var error))
        {
            await cli.Error.WriteLineAsync($"error: {error}");
            return ExitCodes.BadInput;
        }

        using var host = CliHost.Build(cli);
        if (!await CliHost.PrepareAsync(host, cli, ct))
        {
            return ExitCodes.BadInput;
        }

        var exports = host.Services.GetRequiredService<ExportService>();
        var (repositories, unknown) = await exports.ResolveAsync(request!, Health.Core.Tracking.RepositoryVisibility.Everything, ct);
        if (unknown is not null)
        {
            await cli.Error.WriteLineAsync($"error: {unknown}");
            return ExitCodes.BadInput;
        }

        // Facts derived under other bot rules are derived again first, with progress: an export never holds stale figures.
        var derived = host.Services.GetRequiredService<DerivedFacts>();
        await derived.DeriveStaleAsync([.. repositories.Select(r => r.Id)], new DerivationConsole(cli.Error), ct);

        if (outFile is null)
        {
            await exports.WriteAsync(kind, request!, repositories, cli.Out, ct);
            return ExitCodes.Ok;
        }

        // Written beside the target and moved into place: a failure never leaves a partial file that looks like data.
        var full = Path.GetFullPath(outFile);
        var temporary = full + ".partial";
        int rows;
        try
        {
            await using (var stream = File.Create(temporary))
            await using (var writer = CsvFormat.Utf8(stream))
            {
                rows = await exports.WriteAsync(kind, request!, repositories, writer, ct);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            await cli.Error.WriteLineAsync($"error: cannot write {full}: {e.Message}");
            return ExitCodes.Failed;
        }

        await cli.Error.WriteLineAsync($"wrote {rows} rows to {full}");
        return ExitCodes.Ok;
    }
}
