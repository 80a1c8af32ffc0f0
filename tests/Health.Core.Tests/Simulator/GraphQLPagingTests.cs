using System.Text.Json;
using GitHubSimulator;
using static Health.Core.Tests.Simulator.GraphQLTestKit;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

/// <summary>Cursors over repository lists: GitHub's order and tie-break, and cursors that survive changes to the list.</summary>
public sealed class GraphQLPagingTests
{
    private const string NumbersQuery = """
        query($after: String, $order: IssueOrder) { repository(owner: "acme", name: "widgets") {
          pullRequests(first: 25, after: $after, orderBy: $order) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { number } } } }
        """;

    [Fact]
    public async Task PullRequests_UpdatedDescending_SameOrderAsRestsSortUpdatedIncludingTies()
    {
        World world = NewWorld(prs: 120);
        SimRepository repo = world.Repo("acme", "widgets");
        lock (world.SyncRoot)
        {
            DateTime tie = repo.Pulls[60].UpdatedAt;
            foreach (SimPull pull in repo.Pulls.Skip(10).Take(30))
            {
                pull.UpdatedAt = tie;
            }
        }

        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = Client();
        using HttpClient rest = server.CreateClient();

        List<int> graphQL = await NumbersAsync(client, server, new { field = "UPDATED_AT", direction = "DESC" });
        (List<JsonElement> items, _) = await GetAllPagesAsync(rest, "repos/acme/widgets/pulls?state=all&sort=updated&direction=desc&per_page=100");

        Assert.Equal(items.Select(i => i.GetProperty("number").GetInt32()), graphQL);
    }

    [Fact]
    public async Task PullRequests_NoOrderBy_CreatedAscending()
    {
        World world = NewWorld(prs: 60);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = Client();

        List<int> numbers = await NumbersAsync(client, server, null);

        lock (world.SyncRoot)
        {
            Assert.Equal(world.Repo("acme", "widgets").Pulls.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => p.Number), numbers);
        }
    }

    [Fact]
    public async Task Cursor_ListChangesBetweenPages_ContinuesAfterTheLastItemSeen()
    {
        World world = NewWorld(prs: 100);
        SimRepository repo = world.Repo("acme", "widgets");
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = Client();
        var order = new { field = "UPDATED_AT", direction = "DESC" };
        List<int> before = await NumbersAsync(client, server, order);

        JsonElement first = await PageAsync(client, server, null, order);
        int moved = before[60];
        world.AddIssueComment(repo, moved, world.Accounts[1]);
        world.AddPull(repo, world.Accounts[2], "Opened while paging");
        world.EditPull(repo, before[0], title: "Edited while paging");
        var seen = Numbers(first);
        for (JsonElement page = first; page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();)
        {
            page = await PageAsync(client, server, page.GetProperty("pageInfo").GetProperty("endCursor").GetString(), order);
            Assert.True(page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            seen.AddRange(Numbers(page));
        }

        Assert.Equal(100, first.GetProperty("totalCount").GetInt32());
        Assert.Equal(before.Where(n => n != moved), seen);
        Assert.False(first.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task Cursor_NotOneOfOurs_InvalidCursorArgumentsError()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10));
        using HttpClient client = Client();

        (_, JsonElement body) = await PostAsync(client, server.GraphQLUri, NumbersQuery, new { after = "bm9wZQ==" });

        JsonElement error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("INVALID_CURSOR_ARGUMENTS", error.GetProperty("type").GetString());
        Assert.Equal("`bm9wZQ==` does not appear to be a valid cursor.", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("repository").ValueKind);
    }

    private static async Task<List<int>> NumbersAsync(HttpClient client, SimulatorServer server, object? order)
    {
        var numbers = new List<int>();
        string? after = null;
        do
        {
            JsonElement page = await PageAsync(client, server, after, order);
            numbers.AddRange(Numbers(page));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        return numbers;
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, SimulatorServer server, string? after, object? order)
    {
        (_, JsonElement body) = await PostAsync(client, server.GraphQLUri, NumbersQuery, new { after, order });
        Assert.False(body.TryGetProperty("errors", out _), body.ToString());
        return body.GetProperty("data").GetProperty("repository").GetProperty("pullRequests");
    }

    private static List<int> Numbers(JsonElement page) =>
        page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("number").GetInt32()).ToList();
}
