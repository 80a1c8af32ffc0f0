using System.Text.Json;
using GitHubSimulator;
using static Health.Core.Tests.Simulator.GraphQLTestKit;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

/// <summary>GitHub's query cost, node and pagination limits, the points budget, and the timeout of heavy queries.</summary>
public sealed class GraphQLLimitsTests
{
    private static readonly object Sizes = new { first = 50, children = 10, threads = 10, threadComments = 5 };

    /// <summary>The product's page query with a rateLimit selection that shows everything.</summary>
    private static string PullRequestsWithFullRateLimit => Complete(
        PullRequestsOperation.Replace("rateLimit { ...RateLimitFields }", "rateLimit { cost limit remaining used resetAt nodeCount }", StringComparison.Ordinal));

    [Fact]
    public async Task PullRequestsQuery_First50Children10ThreadComments5_CostsSevenPointsFor4550Nodes()
    {
        // Requests: pullRequests 1 + labels, reviews, comments, reviewThreads 50 each + thread comments 50 x 10 = 701 → 7.
        // Nodes: 50 + 4 x 50 x 10 + 50 x 10 x 5 = 4,550.
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 60));
        using HttpClient client = Client();

        (HttpResponseMessage response, JsonElement body) = await PostAsync(client, server.GraphQLUri, PullRequestsWithFullRateLimit, Vars(Sizes));

        JsonElement rate = body.GetProperty("data").GetProperty("rateLimit");
        Assert.Equal(7, rate.GetProperty("cost").GetInt32());
        Assert.Equal(4550, rate.GetProperty("nodeCount").GetInt32());
        Assert.Equal(5000, rate.GetProperty("limit").GetInt32());
        Assert.Equal(4993, rate.GetProperty("remaining").GetInt32());
        Assert.Equal(7, rate.GetProperty("used").GetInt32());
        Assert.Equal("4993", Header(response, "X-RateLimit-Remaining"));
        Assert.Equal("7", Header(response, "X-RateLimit-Used"));
        Assert.Equal("graphql", Header(response, "X-RateLimit-Resource"));
        Assert.Equal(7, server.GraphQLPointsUsed);
        Assert.Equal(7, Assert.Single(server.Log.Snapshot()).Points);
        Assert.Equal("PullRequests", server.Log.Snapshot()[0].Operation);
    }

    [Fact]
    public async Task Backfill_OneThousandPullRequestsInPagesOf100_CostsFourteenPointsAPage()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 1000));
        using HttpClient client = Client();
        string? after = null;
        int pages = 0;
        do
        {
            Dictionary<string, object?> variables = Vars(new { first = 100, children = 10, threads = 10, threadComments = 5 });
            variables["after"] = after;
            (_, JsonElement body) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, variables);
            JsonElement list = body.GetProperty("data").GetProperty("repository").GetProperty("pullRequests");
            after = list.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? list.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
            pages++;
        }
        while (after is not null);

        Assert.Equal(10, pages);
        Assert.Equal(140, server.GraphQLPointsUsed);
        Assert.Equal(server.GraphQLPointsUsed, server.Log.Snapshot().Sum(r => r.Points));
    }

    [Fact]
    public async Task Budget_Spent_RateLimitedUntilTheWindowResets()
    {
        var clock = new ManualClock(End);
        World world = WorldGenerator.Generate(new WorldOptions { Prs = 30, End = End }, clock);
        var options = new SimulatorOptions { GraphQLRateLimit = 20, RateLimitWindow = TimeSpan.FromMinutes(10) };
        await using SimulatorServer server = await SimulatorServer.StartAsync(world, options);
        using HttpClient client = Client();
        using HttpClient rest = server.CreateClient();
        var remaining = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            (HttpResponseMessage spent, _) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, Vars(Sizes));
            remaining.Add(Header(spent, "X-RateLimit-Remaining"));
        }

        (HttpResponseMessage limited, JsonElement body) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, Vars(Sizes));
        (_, JsonElement cheapAfter) = await PostAsync(client, server.GraphQLUri, "{ rateLimit { cost } }");
        using HttpResponseMessage restMeanwhile = await rest.GetAsync("repos/acme/widgets/pulls");
        clock.Advance(TimeSpan.FromMinutes(10));
        (HttpResponseMessage after, JsonElement recovered) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, Vars(Sizes));

        Assert.Equal(["13", "6"], remaining);
        Assert.Equal(200, (int)limited.StatusCode);
        Assert.Equal(
            """{"errors":[{"type":"RATE_LIMITED","code":"graphql_rate_limit","message":"API rate limit already exceeded for user ID 1."}]}""",
            body.GetRawText());
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal("20", Header(limited, "X-RateLimit-Limit"));
        Assert.Equal("RATE_LIMITED", cheapAfter.GetProperty("errors")[0].GetProperty("type").GetString());
        Assert.Equal(200, (int)restMeanwhile.StatusCode);
        Assert.Equal("core", Header(restMeanwhile, "X-RateLimit-Resource"));
        Assert.True(recovered.TryGetProperty("data", out _));
        Assert.Equal("13", Header(after, "X-RateLimit-Remaining"));
        Assert.Equal(21, server.GraphQLPointsUsed);
    }

    [Fact]
    public async Task GraphQLRateLimitRemaining_Forced_AppliesToTheNextQueryOnly()
    {
        var options = new SimulatorOptions();
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 30), options);
        using HttpClient client = Client();
        (HttpResponseMessage first, _) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, Vars(Sizes));

        options.GraphQLRateLimitRemaining = 5;
        (_, JsonElement refused) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, Vars(Sizes));
        options.GraphQLRateLimitRemaining = 100;
        (HttpResponseMessage allowed, _) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, Vars(Sizes));

        Assert.Equal("4993", Header(first, "X-RateLimit-Remaining"));
        Assert.Equal("RATE_LIMITED", refused.GetProperty("errors")[0].GetProperty("type").GetString());
        Assert.Equal("93", Header(allowed, "X-RateLimit-Remaining"));
        Assert.Null(options.GraphQLRateLimitRemaining);
    }

    [Fact]
    public async Task PullRequestsQuery_PagesOf100AtEveryLevel_MaxNodeLimitExceeded()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10));
        using HttpClient client = Client();

        (_, JsonElement body) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, Vars(new { first = 100, children = 100, threads = 100, threadComments = 100 }));

        Assert.Equal(
            """{"errors":[{"type":"MAX_NODE_LIMIT_EXCEEDED","message":"This query requests up to 1,040,100 possible nodes which exceeds the maximum limit of 500,000."}]}""",
            body.GetRawText());
        Assert.Equal(0, server.GraphQLPointsUsed);
    }

    [Theory]
    [InlineData("{ repository(owner: \"acme\", name: \"widgets\") { pullRequests { totalCount } } }",
        "MISSING_PAGINATION_BOUNDARIES", "You must provide a `first` or `last` value to properly paginate the `pullRequests` connection.")]
    [InlineData("{ repository(owner: \"acme\", name: \"widgets\") { pullRequests(first: 101) { totalCount } } }",
        "EXCESSIVE_PAGINATION", "Requesting 101 records on the `pullRequests` connection exceeds the `first` limit of 100 records.")]
    public async Task Connection_WithoutOrOverAPageSize_RefusedBeforeItRuns(string query, string type, string message)
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10));
        using HttpClient client = Client();

        (_, JsonElement body) = await PostAsync(client, server.GraphQLUri, query);

        Assert.False(body.TryGetProperty("data", out _));
        JsonElement error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal("""["repository","pullRequests"]""", error.GetProperty("path").GetRawText());
    }

    [Fact]
    public async Task TimeoutNodes_QueryHeavierThanTheLimit_Answers502WithGitHubsBody()
    {
        var options = new SimulatorOptions { GraphQLTimeoutNodes = 1000 };
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 30), options);
        using HttpClient client = Client();

        (HttpResponseMessage heavy, JsonElement body) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, Vars(Sizes));
        (HttpResponseMessage light, _) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, Vars(new { first = 5, children = 1, threads = 1, threadComments = 1 }));

        Assert.Equal(502, (int)heavy.StatusCode);
        string requestId = Header(heavy, "X-GitHub-Request-Id");
        Assert.Equal(
            $$"""{"data":null,"errors":[{"message":"Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `{{requestId}}` when reporting this issue."}]}""",
            body.GetRawText());
        Assert.Equal(200, (int)light.StatusCode);
    }

    private sealed class ManualClock(DateTime start) : TimeProvider
    {
        private DateTimeOffset _now = new(start, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
