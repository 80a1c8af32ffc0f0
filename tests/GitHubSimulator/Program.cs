using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GitHubSimulator;

/// <summary>
/// The standalone simulator: generates a world, serves it and prints <c>listening on BASEURI</c> as the first
/// line of stdout; runs until Ctrl+C or SIGTERM. Bad options: one line on stderr, exit code 2.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (!CommandLine.TryParse(args, out CommandLine command, out string error))
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        if (command.Help)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        AddRandomFaults(command.Server.Faults, command.FaultRate);
        var clock = Stopwatch.StartNew();
        World world = WorldGenerator.Generate(command.World);
        TimeSpan generation = clock.Elapsed;
        SimulatorServer server;
        try
        {
            server = await SimulatorServer.StartAsync(world, command.Server);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"error: cannot listen on 127.0.0.1:{command.Server.Port}: {ex.Message}");
            return 1;
        }

        await using (server)
        {
            Console.Out.WriteLine($"listening on {server.BaseUri}");
            Console.Out.Flush();
            SimRepository main = world.Repositories[0];
            await Console.Error.WriteLineAsync(
                $"world: {world.Repositories.Count} repositories, {main.FullName} has {main.Pulls.Count} pull requests, "
                + $"{main.Issues.Count} issues, {main.Reviews.Count} reviews, {main.IssueComments.Count} comments, "
                + $"{main.ReviewComments.Count} review comments; generated in {generation.TotalSeconds:F2} s");
            using var stop = new CancellationTokenSource();
            using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Asked to stop.
            }

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        }

        return 0;
    }

    /// <summary>A random mix of 502, 503, secondary-limit 403 and 429 that together hit about <paramref name="rate"/> of requests.</summary>
    private static void AddRandomFaults(FaultPlan plan, double rate)
    {
        if (rate <= 0)
        {
            return;
        }

        FaultKind[] kinds = [FaultKind.BadGateway502, FaultKind.ServiceUnavailable503, FaultKind.SecondaryRateLimit403, FaultKind.TooManyRequests429];
        double each = 1 - Math.Pow(1 - rate, 1.0 / kinds.Length);
        for (int i = 0; i < kinds.Length; i++)
        {
            plan.Add(new FaultRule(kinds[i], each, Seed: 1000 + i));
        }
    }
}
