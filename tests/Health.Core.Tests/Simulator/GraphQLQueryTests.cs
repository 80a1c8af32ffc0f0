using System.Text.Json;
using GitHubSimulator;
using static Health.Core.Tests.Simulator.GraphQLExpected;
using static Health.Core.Tests.Simulator.GraphQLTestKit;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

/// <summary>The product's query documents, run against the simulator, return exactly the world's data.</summary>
public sealed class GraphQLQueryTests
{
    [Fact]
    public async Task PullRequestsQuery_EveryPage_ReturnsExactlyTheWorldsPullRequestsNewestUpdateFirst()
    {
        World world = NewWorld(prs: 160);
        SimRepository repo = world.Repo("acme", "widgets");
        SimAccount bot = world.AddAccount("helper[bot]", AccountTypes.Bot);
        SimPull byBot = world.AddPull(repo, bot, "Bump a dependency");
        world.AddPull(repo, null, "By a deleted account");
        world.AddReview(repo, byBot.Number, world.Accounts[3], "PENDING");
        for (int i = 0; i < 7; i++)
        {
            SimReviewComment comment = world.AddReviewComment(repo, byBot.Number, i % 2 == 0 ? bot : null);
            lock (world.SyncRoot)
            {
                (comment.Path, comment.Line) = ("src/One.cs", 10);
            }
        }

        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = Client();

        List<JsonElement> nodes = await AllPagesAsync(client, server, PullRequestsQuery, "pullRequests", new { first = 40, children = 10, threads = 10, threadComments = 5 });

        Assert.Equal(repo.Pulls.Count, nodes.Count);
        Assert.All(nodes, n => Pull(world, repo, n, children: 10, threadComments: 5));
        var order = nodes.Select(n => (Updated: n.GetProperty("updatedAt").GetString()!, Id: long.Parse(n.GetProperty("fullDatabaseId").GetString()!))).ToList();
        Assert.Equal(order.OrderByDescending(x => x.Updated, StringComparer.Ordinal).ThenByDescending(x => x.Id), order);
        JsonElement botPull = nodes.Single(n => n.GetProperty("number").GetInt32() == byBot.Number);
        Assert.Equal("helper", botPull.GetProperty("author").GetProperty("login").GetString());
        Assert.Equal("Bot", botPull.GetProperty("author").GetProperty("__typename").GetString());
        Assert.DoesNotContain(Nodes(botPull, "reviews"), r => r.GetProperty("state").GetString() == "PENDING");
        JsonElement thread = Assert.Single(Nodes(botPull, "reviewThreads"));
        Assert.Equal(5, thread.GetProperty("comments").GetProperty("nodes").GetArrayLength());
        Assert.Contains(nodes, n => n.GetProperty("author").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task IssuesQuery_EveryPage_ReturnsTheIssuesOnlyWithTheirComments()
    {
        World world = NewWorld(prs: 200);
        SimRepository repo = world.Repo("acme", "widgets");
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = Client();

        List<JsonElement> nodes = await AllPagesAsync(client, server, IssuesQuery, "issues", new { first = 15, children = 3 });

        Assert.Equal(repo.Issues.Count, nodes.Count);
        Assert.All(nodes, n => Issue(world, repo, n, children: 3));
        Assert.DoesNotContain(nodes, n => repo.Pulls.Any(p => p.Number == n.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Continuations_AfterAFirstPageOfChildren_CompleteEveryConnectionOfAHeavyPullRequest()
    {
        World world = NewWorld(prs: 30);
        SimRepository repo = world.Repo("acme", "widgets");
        SimPull heavy = world.AddPull(repo, world.Accounts[2], "Heavy");
        lock (world.SyncRoot)
        {
            heavy.Labels.AddRange(["bug", "tests", "ci", "performance"]);
        }

        for (int i = 0; i < 130; i++)
        {
            world.AddIssueComment(repo, heavy.Number, world.Accounts[i % 5]);
        }

        for (int i = 0; i < 103; i++)
        {
            world.AddReview(repo, heavy.Number, world.Accounts[i % 4], i % 3 == 0 ? "APPROVED" : "COMMENTED");
        }

        for (int i = 0; i < 70; i++)
        {
            SimReviewComment comment = world.AddReviewComment(repo, heavy.Number, world.Accounts[1]);
            lock (world.SyncRoot)
            {
                (comment.Path, comment.Line) = i < 15 ? ("src/Hot.cs", 7) : ($"src/F{i}.cs", i);
            }
        }

        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = Client();
        (_, JsonElement first) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, Vars(new { first = 1, children = 2, threads = 2, threadComments = 2 }));
        JsonElement pull = first.GetProperty("data").GetProperty("repository").GetProperty("pullRequests").GetProperty("nodes")[0];
        string pullId = pull.GetProperty("id").GetString()!;
        Assert.Equal(heavy.Number, pull.GetProperty("number").GetInt32());

        var got = new Dictionary<string, List<string>>
        {
            ["reviews"] = Ids(Nodes(pull, "reviews")),
            ["comments"] = Ids(Nodes(pull, "comments")),
            ["labels"] = Nodes(pull, "labels").Select(l => l.GetProperty("name").GetString()!).ToList(),
        };
        var threads = new Dictionary<string, List<string>>();
        var pending = new Queue<(string Part, string Id, string? After)>();
        pending.Enqueue(("PullRequest.reviews", pullId, EndCursor(pull.GetProperty("reviews"))));
        pending.Enqueue(("PullRequest.comments", pullId, EndCursor(pull.GetProperty("comments"))));
        pending.Enqueue(("PullRequest.labels", pullId, EndCursor(pull.GetProperty("labels"))));
        pending.Enqueue(("PullRequest.reviewThreads", pullId, EndCursor(pull.GetProperty("reviewThreads"))));
        AddThreads(pull.GetProperty("reviewThreads"), threads, pending);

        for (int batch = 0; pending.Count > 0; batch++)
        {
            Assert.True(batch < 20, "the continuations end");
            var parts = new List<(string Part, string Id, string? After)>();
            while (pending.Count > 0 && parts.Count < 10)
            {
                parts.Add(pending.Dequeue());
            }

            (string query, Dictionary<string, object?> variables) = Continuation(2, [.. parts]);
            (HttpResponseMessage response, JsonElement body) = await PostAsync(client, server.GraphQLUri, query, variables);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.False(body.TryGetProperty("errors", out _), body.ToString());
            for (int i = 0; i < parts.Count; i++)
            {
                JsonElement node = body.GetProperty("data").GetProperty($"c{i}");
                (string part, string id, _) = parts[i];
                string field = part.Split('.')[1];
                JsonElement connection = node.GetProperty(field);
                if (part == "PullRequest.reviewThreads")
                {
                    AddThreads(connection, threads, pending);
                }
                else if (part == "PullRequestReviewThread.comments")
                {
                    threads[id].AddRange(Ids(connection.GetProperty("nodes").EnumerateArray()));
                }
                else
                {
                    got[field].AddRange(field == "labels"
                        ? connection.GetProperty("nodes").EnumerateArray().Select(l => l.GetProperty("name").GetString()!)
                        : Ids(connection.GetProperty("nodes").EnumerateArray()));
                }

                if (connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
                {
                    pending.Enqueue((part, id, EndCursor(connection)));
                }
            }
        }

        lock (world.SyncRoot)
        {
            Assert.Equal(repo.Reviews.Where(r => r.PullNumber == heavy.Number).OrderBy(r => r.Id).Select(r => Id(r.Id)), got["reviews"]);
            Assert.Equal(repo.IssueComments.Where(c => c.IssueNumber == heavy.Number).OrderBy(c => c.Id).Select(c => Id(c.Id)), got["comments"]);
            Assert.Equal(heavy.Labels, got["labels"]);
            var expected = repo.ReviewComments.Where(c => c.PullNumber == heavy.Number).OrderBy(c => c.Id)
                .GroupBy(c => (c.Path, c.Line)).Select(g => g.Select(c => Id(c.Id)).ToList()).ToList();
            Assert.Equal(56, expected.Count);
            Assert.Equal(expected, threads.Values.ToList());
        }
    }

    [Fact]
    public async Task Repository_Unknown_IsNullWithGitHubsNotFoundError()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10));
        using HttpClient client = Client();

        (_, JsonElement body) = await PostAsync(client, server.GraphQLUri, """{ repository(owner: "acme", name: "nope") { name } }""");

        Assert.Equal(
            """{"data":{"repository":null},"errors":[{"type":"NOT_FOUND","path":["repository"],"locations":[{"line":1,"column":3}],"message":"Could not resolve to a Repository with the name 'acme/nope'."}]}""",
            body.GetRawText());
    }

    [Fact]
    public async Task Node_KnownAndUnknownIds_ResolvesPullRequestsIssuesAndThreadsElseNullWithNotFound()
    {
        World world = NewWorld(prs: 40);
        SimRepository repo = world.Repo("acme", "widgets");
        SimPull pull = world.AddPull(repo, world.Accounts[1], "With a thread");
        world.AddReviewComment(repo, pull.Number, world.Accounts[2]);
        SimIssue issue = world.AddIssue(repo, null, "An issue");
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = Client();
        const string find = """
            query($id: ID!) { repository(owner: "ACME", name: "Widgets") { pullRequests(first: 1, orderBy: {field: CREATED_AT, direction: DESC}) {
              nodes { id reviewThreads(first: 1) { nodes { id } } } } issues(first: 1, orderBy: {field: CREATED_AT, direction: DESC}) { nodes { id } } }
              node(id: $id) { __typename id } }
            """;
        (_, JsonElement ids) = await PostAsync(client, server.GraphQLUri, find, new { id = "nope" });
        JsonElement repository = ids.GetProperty("data").GetProperty("repository");
        string pullId = repository.GetProperty("pullRequests").GetProperty("nodes")[0].GetProperty("id").GetString()!;
        string threadId = repository.GetProperty("pullRequests").GetProperty("nodes")[0].GetProperty("reviewThreads").GetProperty("nodes")[0].GetProperty("id").GetString()!;
        string issueId = repository.GetProperty("issues").GetProperty("nodes")[0].GetProperty("id").GetString()!;

        const string lookup = "query($a: ID!, $b: ID!, $c: ID!) { a: node(id: $a) { __typename id } b: node(id: $b) { __typename } c: node(id: $c) { __typename ... on Issue { number } } }";
        (_, JsonElement found) = await PostAsync(client, server.GraphQLUri, lookup, new { a = pullId, b = threadId, c = issueId });

        Assert.Equal(JsonValueKind.Null, ids.GetProperty("data").GetProperty("node").ValueKind);
        JsonElement error = Assert.Single(ids.GetProperty("errors").EnumerateArray());
        Assert.Equal("NOT_FOUND", error.GetProperty("type").GetString());
        Assert.Equal("Could not resolve to a node with the global id of 'nope'", error.GetProperty("message").GetString());
        Assert.Equal("""{"__typename":"PullRequest","id":"PR_ID"}""".Replace("PR_ID", pullId, StringComparison.Ordinal), found.GetProperty("data").GetProperty("a").GetRawText());
        Assert.Equal("PullRequestReviewThread", found.GetProperty("data").GetProperty("b").GetProperty("__typename").GetString());
        Assert.Equal(issue.Number, found.GetProperty("data").GetProperty("c").GetProperty("number").GetInt32());
        Assert.False(found.TryGetProperty("errors", out _));
    }

    private static async Task<List<JsonElement>> AllPagesAsync(HttpClient client, SimulatorServer server, string query, string connection, object sizes)
    {
        var nodes = new List<JsonElement>();
        string? after = null;
        for (int page = 0; ; page++)
        {
            Assert.True(page < 100, "paging ends");
            Dictionary<string, object?> variables = Vars(sizes);
            variables["after"] = after;
            (HttpResponseMessage response, JsonElement body) = await PostAsync(client, server.GraphQLUri, query, variables);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.False(body.TryGetProperty("errors", out _), body.ToString());
            JsonElement list = body.GetProperty("data").GetProperty("repository").GetProperty(connection);
            nodes.AddRange(list.GetProperty("nodes").EnumerateArray());
            if (!list.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                return nodes;
            }

            after = EndCursor(list);
        }
    }

    private static void AddThreads(JsonElement connection, Dictionary<string, List<string>> threads, Queue<(string Part, string Id, string? After)> pending)
    {
        foreach (JsonElement thread in connection.GetProperty("nodes").EnumerateArray())
        {
            string id = thread.GetProperty("id").GetString()!;
            JsonElement comments = thread.GetProperty("comments");
            threads[id] = Ids(comments.GetProperty("nodes").EnumerateArray());
            if (comments.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                pending.Enqueue(("PullRequestReviewThread.comments", id, EndCursor(comments)));
            }
        }
    }

    private static List<string> Ids(IEnumerable<JsonElement> nodes) => nodes.Select(n => n.GetProperty("fullDatabaseId").GetString()!).ToList();

    private static string? EndCursor(JsonElement connection) => connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
}
