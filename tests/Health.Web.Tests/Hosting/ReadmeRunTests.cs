using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Health.Testing;

namespace Health.Web.Tests.Hosting;

/// <summary>
/// The README's run command, <c>dotnet run --project src/Health.Web</c> (on this build's output), starts the Production
/// environment (there is no launch profile to make it Development), and the page's framework, styles and chart files are
/// served all the same; a verb run so writes nothing to standard output but its own (a CSV redirected to a file is the CSV).
/// </summary>
public sealed class ReadmeRunTests
{
    [Fact]
    public async Task DotnetRun_RunsProduction_AndServesThePageAndItsAssets()
    {
        var root = RepoRoot();
        var folder = Directory.CreateTempSubdirectory("health-run-").FullName;
        var port = FreePort();
        var configuration = Configuration();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "run", "--project", Path.Combine(root, "src", "Health.Web"), "-c", configuration, "--no-build", "--", "--urls", $"http://127.0.0.1:{port}" },
            Environment =
            {
                ["ConnectionStrings__Health"] = $"Data Source={Path.Combine(folder, "health.db")}",
                ["Health__DefaultCron"] = "0 0 1 1 *",
                ["ASPNETCORE_ENVIRONMENT"] = null,
                ["DOTNET_ENVIRONMENT"] = null,
            },
        };
        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            string Log()
            {
                lock (output)
                {
                    return output.ToString();
                }
            }

            await Eventually.TrueAsync(
                async () =>
                {
                    try
                    {
                        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
                        return health.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        Assert.False(process.HasExited, $"dotnet run exited: {Log()}");
                        return false;
                    }
                },
                "the app started by dotnet run to answer",
                TimeSpan.FromSeconds(90));

            Assert.Contains("Hosting environment: Production", Log(), StringComparison.Ordinal);
            var html = await http.GetStringAsync(new Uri("/", UriKind.Relative));
            var assets = System.Text.RegularExpressions.Regex.Matches(html, "(?:href|src)=\"(?<url>[^\"]+\\.(?:css|js))\"").Select(m => m.Groups["url"].Value).ToList();
            Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.Contains("styles.css", StringComparison.Ordinal));
            foreach (var asset in assets.Append("lib/apexcharts/apexcharts.min.js"))
            {
                using var response = await http.GetAsync(new Uri("/" + asset.TrimStart('/'), UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the exiting app; the temp folder is cleaned by the OS.
            }
        }
    }

    [Fact]
    public async Task DotnetRun_Verb_StandardOutputHoldsOnlyWhatTheVerbWrites()
    {
        var folder = Directory.CreateTempSubdirectory("health-run-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList = { "run", "--project", Path.Combine(RepoRoot(), "src", "Health.Web"), "-c", Configuration(), "--no-build", "--", "export", "metrics", "--repo", "acme/none", "--period", "month" },
                Environment = { ["ConnectionStrings__Health"] = $"Data Source={Path.Combine(folder, "health.db")}" },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(2, process.ExitCode);
            Assert.Equal(string.Empty, await output);
            Assert.Contains("error: acme/none is not tracked", await error, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The configuration this test was built in (bin/Configuration/net10.0), which dotnet run must use with --no-build.</summary>
    private static string Configuration() => Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Health.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"No Health.sln above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
