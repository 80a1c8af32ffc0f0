using System.CommandLine;

namespace Health.Web.Cli;

/// <summary>The operator verbs of the one executable: <c>Health.Web VERB ...</c>. Without a verb, the dashboard starts.</summary>
internal static class HealthCli
{
    private static readonly string[] Verbs = ["sync"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken ct)
    {
        var root = new RootCommand("Health: community health of GitHub repositories. Without a verb, the dashboard starts.");
        var repository = new Argument<string>("OWNER/REPO") { Description = "The repository, e.g. dotnet/runtime." };
        var sync = new Command("sync", "Collect one repository's activity now (a backfill the first time, incremental after).") { repository };
        var exitCode = ExitCodes.Ok;
        sync.SetAction(async (result, token) => exitCode = await SyncVerb.RunAsync(result.GetValue(repository)!, cli, token));
        root.Subcommands.Add(sync);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await cli.Error.WriteLineAsync($"error: {error.Message}");
            }

            await cli.Error.WriteLineAsync("usage: sync OWNER/REPO");
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
