using System.Diagnostics;
using GitHubSimulator;
using Health.Core.Storage;
using Health.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Tests.Cli;

public sealed class SyncKillTests
{
    [Theory]
    [InlineData("Rest")]
    [InlineData("GraphQL")]
    public async Task Sync_ProcessKilledMidBackfill_RerunEqualsWorldWithoutDuplicates(string mode)
    {
        var directory = Directory.CreateTempSubdirectory("health-kill-").FullName;
        var dbPath = Path.Combine(directory, "health.db");
        await using var server = await TestSimulator.StartAsync(
            new WorldOptions { Prs = 250, End = TestSimulator.WorldEnd },
            o =>
            {
                o.Latency = TimeSpan.FromMilliseconds(40);
                o.Token = "kill-test-token";
            });
        var config = FastSettings.For(server.BaseUri, directory).With(new Dictionary<string, string?>
        {
            ["GitHub:Token"] = "kill-test-token",
            ["GitHub:Mode"] = mode,
            ["GitHub:GraphQLPageSize"] = "20",
        });

        using (var process = StartSync(config))
        {
            var committed = await WaitForCommittedPullRequestsAsync(dbPath, process, TimeSpan.FromSeconds(60));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.InRange(committed, 1, 249);
        }

        await using (var db = Open(dbPath))
        {
            var cursor = await db.SyncCursors.SingleAsync(c => c.Stream == Core.Storage.Entities.SyncStream.PullRequests);
            Assert.NotNull(mode == "Rest" ? cursor.NextPageUrl : cursor.NextCursor);
        }

        var (code, output, error) = await CliRun.RunAsync(config, "sync", "acme/widgets");

        Assert.True(code == 0, error + output);
        await using (var db = Open(dbPath))
        {
            await WorldAssert.DatabaseEqualsWorldAsync(db, server.World, server.World.Repositories[0]);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static Process StartSync(Dictionary<string, string?> config)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Health.Web.dll"));
        start.ArgumentList.Add("sync");
        start.ArgumentList.Add("acme/widgets");
        foreach (var (key, value) in config)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls the database the other process writes until its first pages are committed.</summary>
    private static async Task<int> WaitForCommittedPullRequestsAsync(string dbPath, Process process, TimeSpan timeout)
    {
        var count = 0;
        await Eventually.TrueAsync(
            async () =>
            {
                Assert.False(process.HasExited, "the sync ended before it could be killed");
                if (!File.Exists(dbPath))
                {
                    return false;
                }

                try
                {
                    await using var db = Open(dbPath);
                    count = await db.PullRequests.CountAsync();
                    return count > 0;
                }
                catch (SqliteException)
                {
                    return false; // Schema not created yet.
                }
            },
            "the sync's first pages to be committed",
            timeout);
        return count;
    }

    private static HealthDb Open(string dbPath) =>
        new(new DbContextOptionsBuilder<HealthDb>().UseSqlite($"Data Source={dbPath}").Options);
}
