using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Health.Benchmarks;

/// <summary>
/// Runs the real executable's <c>sync</c> verb, as an operator would, and measures it from outside:
/// its summary lines, and its peak resident memory (VmHWM, polled from /proc while it runs).
/// </summary>
internal static partial class SyncProcess
{
    public sealed record Result(int Requests, int NotModified, double Seconds, double PeakMegabytes, string Output, int GraphQLRequests = 0, int Points = 0);

    /// <param name="environment">More settings for the process (e.g. the bot rules the database was derived with).</param>
    public static async Task<Result> RunAsync(Uri api, string database, string repository = "acme/widgets", string? mode = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Health.Web.dll"));
        start.ArgumentList.Add("sync");
        start.ArgumentList.Add(repository);
        start.Environment["ConnectionStrings__Health"] = $"Data Source={database}";
        start.Environment["GitHub__ApiUrl"] = api.ToString();
        start.Environment["DOTNET_gcServer"] = null;
        if (mode is not null)
        {
            start.Environment["GitHub__Mode"] = mode;
            start.Environment["GitHub__Token"] = "benchmark-token";
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start Health.Web");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, ReadPeakKb(process.Id));
            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sync exited {process.ExitCode}: {await stderr}\n{output}");
        }

        var requests = RequestsLine().Match(output);
        var duration = DurationLine().Match(output);
        var graphQL = GraphQLLine().Match(output);
        return new Result(
            int.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(requests.Groups[2].Value, CultureInfo.InvariantCulture),
            double.Parse(duration.Groups[1].Value, CultureInfo.InvariantCulture),
            peakKb / 1024.0,
            output,
            graphQL.Success ? int.Parse(graphQL.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            graphQL.Success ? int.Parse(graphQL.Groups[2].Value, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>Runs any verb of the real executable against <paramref name="database"/>; returns its peak resident memory (MB) and wall time (s).</summary>
    public static async Task<(double PeakMegabytes, double Seconds)> RunVerbAsync(string database, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Health.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Health"] = $"Data Source={database}";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start Health.Web");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, ReadPeakKb(process.Id));
            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        }

        return (peakKb / 1024.0, clock.Elapsed.TotalSeconds);
    }

    /// <summary>VmHWM: the process's peak resident set so far, in kB (0 once it has gone).</summary>
    private static long ReadPeakKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    [GeneratedRegex(@"^requests: (\d+) \((\d+) not modified\)$", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^graphql: (\d+) queries, (\d+) points$", RegexOptions.Multiline)]
    private static partial Regex GraphQLLine();

    [GeneratedRegex(@": succeeded in ([\d.]+)s$", RegexOptions.Multiline)]
    private static partial Regex DurationLine();
}
