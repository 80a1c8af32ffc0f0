using GitHubSimulator;
using Health.Core.Export;
using Health.Core.Tests.Infrastructure;

namespace Health.Core.Tests.GitHub.GraphQL;

/// <summary>A sync harness that collects through GraphQL (a token is set), and exports to compare collectors by.</summary>
internal static class GraphQLHarness
{
    public const string Token = "graphql-test-token";

    public static Task<SyncHarness> StartAsync(
        WorldOptions? world = null,
        Action<SimulatorOptions>? simulator = null,
        string mode = "GraphQL",
        IDictionary<string, string?>? settings = null,
        TimeProvider? worldClock = null,
        TimeProvider? clientClock = null,
        Health.Core.Storage.DatabaseProvider provider = Health.Core.Storage.DatabaseProvider.Sqlite)
    {
        var all = new Dictionary<string, string?> { ["GitHub:Token"] = Token, ["GitHub:Mode"] = mode };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        return SyncHarness.StartAsync(
            world,
            o =>
            {
                o.Token = Token;
                simulator?.Invoke(o);
            },
            all,
            worldClock,
            clientClock,
            provider);
    }

    /// <summary>The metrics and pull-request exports of the harness's repository, over the world's whole history (a fixed range).</summary>
    public static async Task<string> ExportsAsync(SyncHarness h)
    {
        var export = h.Service<ExportService>();
        var text = new System.Text.StringBuilder();
        foreach (var kind in new[] { "metrics", "prs", "contributors" })
        {
            Assert.True(ExportRequest.TryParse(new ExportQuery([h.Name.FullName], null, "month", "2023-01-01", "2026-11-30"), new DateOnly(2026, 12, 1), out var request, out var error), error);
            var (repositories, problem) = await export.ResolveAsync(request!, Health.Core.Tracking.RepositoryVisibility.Everything, CancellationToken.None);
            Assert.Null(problem);
            await using var writer = new StringWriter();
            await export.WriteAsync(kind, request!, repositories, writer, CancellationToken.None);
            text.Append(writer);
        }

        return text.ToString();
    }
}
