using System.Text.Json;
using GitHubSimulator;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

public sealed class SimulatorPagingTests
{
    [Fact]
    public async Task Pulls_FollowingAbsoluteLinkHeaders_ReturnsEveryPullExactlyOnce()
    {
        World world = NewWorld();
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = server.CreateClient();

        (List<JsonElement> items, List<string> urls) = await GetAllPagesAsync(client, "repos/acme/widgets/pulls?state=all&per_page=37");

        int[] expected = world.Repo("acme", "widgets").Pulls.Select(p => p.Number).Order().ToArray();
        int[] numbers = items.Select(i => i.GetProperty("number").GetInt32()).ToArray();
        Assert.Equal(expected, numbers.Order().ToArray());
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
        Assert.Equal((expected.Length + 36) / 37, urls.Count);
        Assert.All(urls.Skip(1), u => Assert.StartsWith(server.BaseUri + "repos/acme/widgets/pulls?state=all&per_page=37&page=", u, StringComparison.Ordinal));
        JsonElement first = items[0];
        Assert.Equal("http://" + server.BaseUri.Authority + "/acme/widgets/pull/" + numbers[0], first.GetProperty("html_url").GetString());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("head").GetProperty("repo").ValueKind);
    }

    [Fact]
    public async Task Pulls_LinkHeaderOnMiddlePage_HasPrevNextLastFirstInGitHubFormat()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 95));
        using HttpClient client = server.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("repos/acme/widgets/pulls?state=all&per_page=10&page=3");

        string b = server.BaseUri + "repos/acme/widgets/pulls?state=all&per_page=10&page=";
        Assert.Equal(
            $"<{b}2>; rel=\"prev\", <{b}4>; rel=\"next\", <{b}10>; rel=\"last\", <{b}1>; rel=\"first\"",
            Header(response, "Link"));
    }

    [Fact]
    public async Task Pulls_SortUpdatedDescending_IsOrderedByUpdatedAtThenId()
    {
        World world = NewWorld();
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = server.CreateClient();

        (List<JsonElement> items, _) = await GetAllPagesAsync(client, "repos/acme/widgets/pulls?state=all&sort=updated&direction=desc&per_page=50");

        Assert.Equal(world.Repo("acme", "widgets").Pulls.Count, items.Count);
        for (int i = 1; i < items.Count; i++)
        {
            (DateTime prev, long prevId) = (Time(items[i - 1], "updated_at"), items[i - 1].GetProperty("id").GetInt64());
            (DateTime cur, long curId) = (Time(items[i], "updated_at"), items[i].GetProperty("id").GetInt64());
            Assert.True(prev > cur || (prev == cur && prevId > curId), $"item {i} is out of order");
        }
    }

    [Fact]
    public async Task IssueComments_Since_KeepsCommentsUpdatedAtOrAfterItInclusive()
    {
        World world = NewWorld();
        SimRepository repo = world.Repo("acme", "widgets");
        DateTime since = repo.IssueComments.Select(c => c.UpdatedAt).Order().ElementAt(repo.IssueComments.Count * 3 / 4);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = server.CreateClient();

        string stamp = since.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        (List<JsonElement> items, _) = await GetAllPagesAsync(client, $"repos/acme/widgets/issues/comments?sort=updated&direction=asc&since={stamp}&per_page=100");

        long[] expected = repo.IssueComments.Where(c => c.UpdatedAt >= since).Select(c => c.Id).Order().ToArray();
        Assert.Equal(expected, items.Select(i => i.GetProperty("id").GetInt64()).Order().ToArray());
        Assert.Contains(items, i => Time(i, "updated_at") == since);
        Assert.All(items, i => Assert.Matches(@"/issues/\d+$", i.GetProperty("issue_url").GetString()!));
    }

    [Fact]
    public async Task Issues_StateAll_IncludesPullRequestsWithPullRequestKey()
    {
        World world = NewWorld();
        SimRepository repo = world.Repo("acme", "widgets");
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = server.CreateClient();

        (List<JsonElement> items, _) = await GetAllPagesAsync(client, "repos/acme/widgets/issues?state=all&per_page=100");

        List<JsonElement> pulls = items.Where(i => i.TryGetProperty("pull_request", out _)).ToList();
        Assert.Equal(repo.Pulls.Count, pulls.Count);
        Assert.Equal(repo.Issues.Count, items.Count - pulls.Count);
        foreach (JsonElement item in pulls)
        {
            SimPull pull = repo.Pulls.Single(p => p.Number == item.GetProperty("number").GetInt32());
            Assert.Equal(pull.State, item.GetProperty("state").GetString());
            Assert.Equal(pull.UpdatedAt, Time(item, "updated_at"));
            Assert.Equal(pull.CreatedAt, Time(item, "created_at"));
            Assert.Equal(pull.User?.Login, item.GetProperty("user").ValueKind == JsonValueKind.Null ? null : item.GetProperty("user").GetProperty("login").GetString());
            Assert.EndsWith($"/pulls/{pull.Number}", item.GetProperty("pull_request").GetProperty("url").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AddIssueComment_BetweenPageRequests_MovesPullToFrontOfUpdatedOrder()
    {
        World world = NewWorld(prs: 60);
        SimRepository repo = world.Repo("acme", "widgets");
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient client = server.CreateClient();
        const string url = "repos/acme/widgets/pulls?state=all&sort=updated&direction=desc&per_page=5";
        int oldest = repo.Pulls.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id).First().Number;

        world.AddIssueComment(repo, oldest, world.Accounts.First(a => a.Type == "User"));
        using HttpResponseMessage response = await client.GetAsync(url);
        using JsonDocument page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        JsonElement top = page.RootElement[0];
        Assert.Equal(oldest, top.GetProperty("number").GetInt32());
        Assert.Equal(world.Now, Time(top, "updated_at"), TimeSpan.FromSeconds(5));
    }
}
