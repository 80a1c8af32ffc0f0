using GitHubSimulator;
using Health.Testing;
using Health.Web.Tests.Cli;
using Microsoft.Data.Sqlite;

namespace Health.Web.Tests.Export;

/// <summary>The per-item exports (PRs, contributors, cohorts) of a synced simulator world.</summary>
public sealed class ItemExportTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("health-items-").FullName;
    private SimulatorServer _server = null!;

    private Dictionary<string, string?> Config => FastSettings.For(_server.BaseUri, _directory).With(new Dictionary<string, string?> { ["Jobs:Storage"] = "InMemory" });

    public async Task InitializeAsync()
    {
        var world = WorldGenerator.Generate(new WorldOptions { Prs = 200, Seed = 5, End = DateTime.UtcNow.AddDays(-1) });
        var repo = world.Repositories[0];
        lock (world.SyncRoot)
        {
            repo.Pulls[0].Title = "=HYPERLINK(\"http://evil.example\",\"click\")";
            repo.Pulls[1].Title = "+1 from me, \"quoted\"";
            repo.Pulls[2].Title = "@SUM(A1:A2)";
            repo.Pulls[3].Title = "-2+3";
            repo.Pulls[4].Title = "\tTabbed <script>alert(1)</script>";
        }

        _server = await SimulatorServer.StartAsync(world);
        var (code, output, error) = await CliRun.RunAsync(Config, "sync", "acme/widgets");
        Assert.True(code == 0, error + output);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ExportPrs_FormulaTitles_AreNeutralisedAndQuoted()
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "export", "prs", "--repo", "acme/widgets");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("repo,number,title,author,author_id,author_is_bot,state,draft,created_at,closed_at,merged_at,first_response_h,first_review_h,merge_h", lines[0]);
        Assert.Equal(_server.World.Repositories[0].Pulls.Count + 1, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", output, StringComparison.Ordinal);
        Assert.Contains("\"'+1 from me, \"\"quoted\"\"\"", output, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1:A2)", output, StringComparison.Ordinal);
        Assert.Contains("'-2+3", output, StringComparison.Ordinal);
        Assert.Contains("'\tTabbed <script>alert(1)</script>", output, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportPrs_Hours_MatchTheWorld()
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "export", "prs", "--repo", "acme/widgets");

        Assert.True(code == 0, error);
        var merged = _server.World.Repositories[0].Pulls.First(p => p.MergedAt is not null && p.Number > 10);
        var row = output.Split('\n').Single(l => l.StartsWith($"acme/widgets,{merged.Number},", StringComparison.Ordinal));
        var created = new DateTime(merged.CreatedAt.Ticks - (merged.CreatedAt.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var mergedAt = new DateTime(merged.MergedAt!.Value.Ticks - (merged.MergedAt.Value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var hours = decimal.Round((decimal)(mergedAt - created).TotalHours, 2, MidpointRounding.AwayFromZero).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith("," + hours, row, StringComparison.Ordinal);
        Assert.Contains(created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportContributors_OneRowPerHumanAccount_NoBots()
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "export", "contributors", "--repo", "acme/widgets");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("repo,account_id,login,first_contribution_at,last_contribution_at,prs_authored,reviews,issues_opened,issue_comments,review_comments,first_pr_month,retained_90d", lines[0]);
        Assert.DoesNotContain(lines, l => l.Contains("[bot]", StringComparison.Ordinal) || l.Contains(",ci-helper,", StringComparison.Ordinal) || l.Contains(",ghost,", StringComparison.Ordinal));
        var repo = _server.World.Repositories[0];
        var author = repo.Pulls.Where(p => p.User is { Type: "User" } u && u.Login is not "ghost" and not "ci-helper").GroupBy(p => p.User!.Id).First();
        var row = lines.Single(l => l.StartsWith($"acme/widgets,{author.Key},", StringComparison.Ordinal)).Split(',');
        Assert.Equal(author.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), row[5]);
    }

    [Fact]
    public async Task ExportCohorts_OneRowPerMonthWithNewcomerCounts()
    {
        var (code, output, error) = await CliRun.RunAsync(Config, "export", "cohorts", "--repo", "acme/widgets");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("repo,cohort_month,newcomers,active_after_1m,active_after_2m,active_after_3m,active_after_6m,active_after_12m", lines[0]);
        var repo = _server.World.Repositories[0];
        var humans = repo.Pulls.Where(p => p.User is { Type: "User" } u && u.Login is not "ghost" and not "ci-helper");
        var newcomers = humans.GroupBy(p => p.User!.Id).Count();
        Assert.Equal(newcomers, lines.Skip(1).Sum(l => int.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.EndsWith(",,,,,", lines[^1], StringComparison.Ordinal);
    }
}
