using System.CommandLine;
using Health.Core.Export;

namespace Health.Web.Cli;

/// <summary>The operator verbs of the one executable: <c>Health.Web VERB ...</c>. Without a verb, the dashboard starts.</summary>
internal static class HealthCli
{
    private static readonly string[] Verbs = ["sync", "export", "report"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    private static Command Export(CliContext cli, Action<int> setExitCode)
    {
        var export = new Command("export", "Write a CSV export: metrics, intake, prs, contributors or cohorts.");
        foreach (var kind in ExportService.Kinds)
        {
            var repo = new Option<string[]>("--repo") { Description = "A tracked repository, OWNER/REPO; repeat for several." };
            var org = new Option<string?>("--org") { Description = "Every tracked repository of this owner." };
            var period = new Option<string?>("--period") { Description = "month or week (metrics, intake)." };
            var from = new Option<string?>("--from") { Description = "First day, yyyy-MM-dd (UTC)." };
            var to = new Option<string?>("--to") { Description = "Last day, yyyy-MM-dd (UTC)." };
            var group = new Option<bool>("--group") { Description = "One pooled set of rows for all the repositories named." };
            var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output." };
            var command = new Command(kind, Descriptions[kind]) { repo, org, period, from, to, group, output };
            command.SetAction(async (result, token) => setExitCode(await ExportVerb.RunAsync(
                kind,
                new ExportQuery(result.GetValue(repo) ?? [], result.GetValue(org), result.GetValue(period), result.GetValue(from), result.GetValue(to), result.GetValue(group)),
                result.GetValue(output),
                cli,
                token)));
            export.Subcommands.Add(command);
        }

        return export;
    }

    private static Command Report(CliContext cli, Action<int> setExitCode)
    {
        var repo = new Option<string?>("--repo") { Description = "A tracked repository, OWNER/REPO." };
        var period = new Option<string?>("--period") { Description = "week or month." };
        var at = new Option<string?>("--at") { Description = "Report the last complete period before this day, yyyy-MM-dd (UTC); default: now." };
        var format = new Option<string?>("--format") { Description = "md (default) or html." };
        var report = new Command("report", "Print the report of the last complete week or month: key metrics against the period before, waiting lists, newcomers, retention, review load.")
        {
            repo, period, at, format,
        };
        report.SetAction(async (result, token) => setExitCode(await ReportVerb.RunAsync(result.GetValue(repo), result.GetValue(period), result.GetValue(at), result.GetValue(format), cli, token)));
        return report;
    }

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["metrics"] = "The metrics CSV of METRICS.md: one row a repository and period.",
        ["intake"] = "The intake CSV of METRICS.md: who sends the PRs, what lands, responses spent on unmerged ones, the first-response target; one row a repository and period.",
        ["prs"] = "One row per pull request with its first-response, first-review and merge hours.",
        ["contributors"] = "One row per contributor: first and last contribution, counts by kind, first PR month, retention.",
        ["cohorts"] = "One row per monthly newcomer cohort: the share still contributing 1, 2, 3, 6 and 12 months later.",
    };

    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken ct)
    {
        var root = new RootCommand("Health: community health of GitHub repositories. Without a verb, the dashboard starts.");
        var repository = new Argument<string>("OWNER/REPO") { Description = "The repository, e.g. dotnet/runtime." };
        var mode = new Option<string?>("--mode") { Description = "rest, graphql or auto: which GitHub API collects, for this run (default: GitHub:Mode, auto)." };
        var sync = new Command("sync", "Collect one repository's activity now (a backfill the first time, incremental after).") { repository, mode };
        var exitCode = ExitCodes.Ok;
        sync.SetAction(async (result, token) => exitCode = await SyncVerb.RunAsync(result.GetValue(repository)!, result.GetValue(mode), cli, token));
        root.Subcommands.Add(sync);
        root.Subcommands.Add(Export(cli, code => exitCode = code));
        root.Subcommands.Add(Report(cli, code => exitCode = code));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await cli.Error.WriteLineAsync($"error: {error.Message}");
            }

            await cli.Error.WriteLineAsync("usage: sync OWNER/REPO [--mode rest|graphql|auto] | export metrics|intake|prs|contributors|cohorts (--repo OWNER/REPO ... | --org OWNER) --period month|week [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--group] [--out FILE] | report --repo OWNER/REPO --period week|month [--at yyyy-MM-dd] [--format html|md]");
            return ExitCodes.BadInput;
        }

        try
        {
            var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = cli.Out, Error = cli.Error }, ct);
            return code != 0 ? code : exitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await cli.Error.WriteLineAsync("cancelled: the checkpoint of the last complete page is saved; run again to resume.");
            return ExitCodes.Cancelled;
        }
    }
}
