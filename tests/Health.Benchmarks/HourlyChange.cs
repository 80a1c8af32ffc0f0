using GitHubSimulator;

namespace Health.Benchmarks;

/// <summary>
/// What an hourly sync of a busy repository brings, made in the simulated world and then collected by the real executable's
/// <c>sync</c> verb (GraphQL, as with a token) into the benchmark's database: new PRs (three from newcomers), with answers,
/// reviews, issue and review comments on open PRs, merges and closes, new issues and comments on open ones.
/// </summary>
/// <param name="overrides">Settings over the SQLite file's for the sync (e.g. another database provider).</param>
internal sealed class HourlyChange(SimulatorServer simulator, SimRepository repository, string database, string extraBot, IReadOnlyDictionary<string, string>? overrides = null) : IAsyncDisposable
{
    private const int NewPullRequests = 20;
    private const int Reviews = 30;
    private const int IssueComments = 40;
    private const int ReviewComments = 10;
    private const int Merges = 5;
    private const int Closes = 3;
    private const int NewIssues = 5;
    private const int CommentsOnIssues = 20;

    private readonly Random _random = new(11);
    private int _round;

    /// <summary>The items a change creates or moves (for the report).</summary>
    public static int ItemsPerChange => NewPullRequests + Reviews + IssueComments + ReviewComments + Merges + Closes + NewIssues + CommentsOnIssues;

    public static async Task<HourlyChange> StartAsync(World world, SimRepository repository, string database, string extraBot, IReadOnlyDictionary<string, string>? overrides = null, SimulatorOptions? simulator = null) =>
        new(await SimulatorServer.StartAsync(world, simulator), repository, database, extraBot, overrides);

    /// <summary>The simulator serving the world (for a first, whole sync).</summary>
    public Uri ApiUrl => simulator.BaseUri;

    /// <summary>Makes a change, then syncs it; returns the sync's report.</summary>
    public async Task<SyncProcess.Result> SyncAsync()
    {
        Make();
        var environment = new Dictionary<string, string>(overrides ?? new Dictionary<string, string>()) { ["GitHub__ExtraBotLogins__0"] = extraBot };
        return await SyncProcess.RunAsync(simulator.BaseUri, database, repository.FullName, "GraphQL", environment);
    }

    private void Make()
    {
        var w = simulator.World;
        var round = ++_round;
        var people = repository.Pulls.Select(p => p.User).OfType<SimAccount>()
            .Where(a => a.Type == AccountTypes.User && a.Login is not "ghost" && a.Login != extraBot)
            .DistinctBy(a => a.Id).Take(200).ToList();
        SimAccount Someone() => people[_random.Next(people.Count)];
        for (var i = 0; i < NewPullRequests; i++)
        {
            var author = i < 3 ? w.AddAccount($"newcomer-{round}-{i}") : Someone();
            var pull = w.AddPull(repository, author, $"Hourly change {round}: PR {i}");
            if (i % 2 == 0)
            {
                w.AddIssueComment(repository, pull.Number, Someone());
            }
        }

        var open = repository.Pulls.Where(p => p.State == "open").TakeLast(200).ToList();
        int OpenPull() => open[_random.Next(open.Count)].Number;
        for (var i = 0; i < Reviews; i++)
        {
            w.AddReview(repository, OpenPull(), Someone(), i % 3 == 0 ? ReviewStates.Commented : ReviewStates.Approved);
        }

        for (var i = 0; i < IssueComments; i++)
        {
            w.AddIssueComment(repository, OpenPull(), Someone());
        }

        for (var i = 0; i < ReviewComments; i++)
        {
            w.AddReviewComment(repository, OpenPull(), Someone());
        }

        foreach (var pull in open.Take(Merges))
        {
            w.MergePull(repository, pull.Number);
        }

        foreach (var pull in open.Skip(Merges).Take(Closes))
        {
            w.ClosePull(repository, pull.Number);
        }

        for (var i = 0; i < NewIssues; i++)
        {
            w.AddIssue(repository, Someone(), $"Hourly change {round}: issue {i}");
        }

        var openIssues = repository.Issues.Where(i => i.State == "open").TakeLast(100).ToList();
        for (var i = 0; i < CommentsOnIssues && openIssues.Count > 0; i++)
        {
            w.AddIssueComment(repository, openIssues[_random.Next(openIssues.Count)].Number, Someone());
        }
    }

    public ValueTask DisposeAsync() => simulator.DisposeAsync();
}
