using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitHubSimulator;
using static Health.Core.Tests.Simulator.GraphQLTestKit;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

/// <summary>
/// The pull request facts GraphQL needed (sizes, labels) are generated apart from everything else, shown the same by REST
/// and GraphQL, and left every other value of a generated world as it was.
/// </summary>
public sealed class GraphQLWorldFactsTests
{
    [Theory]
    [InlineData(240, 7, 0, "C324ED0A3290C19B")]
    [InlineData(2000, 11, 2, "F04BC8D9B3CE2CDA")]
    public void Generate_WithPullFacts_EveryOtherValueAsBefore(int prs, int seed, int extraRepositories, string fingerprint)
    {
        World world = WorldGenerator.Generate(new WorldOptions { Prs = prs, Seed = seed, End = End, ExtraRepositories = extraRepositories });

        Assert.Equal(fingerprint, Fingerprint(world));
    }

    [Fact]
    public void Generate_PullFacts_HeavyTailedSizesAndZeroToThreeLabels()
    {
        List<SimPull> pulls = NewWorld(prs: 2000).Repo("acme", "widgets").Pulls;

        Assert.All(pulls, p => Assert.InRange(p.Labels.Count, 0, 3));
        Assert.Contains(pulls, p => p.Labels.Count == 0);
        Assert.Contains(pulls, p => p.Labels.Count == 3);
        Assert.Contains(pulls, p => p.Labels.Contains("dependencies") && p.User?.Type == "Bot");
        Assert.All(pulls, p => Assert.True(p.ChangedFiles >= 1 && p.Additions >= 0 && p.Deletions >= 0));
        double median = pulls.Select(p => p.Additions).Order().ElementAt(pulls.Count / 2);
        Assert.True(pulls.Max(p => p.Additions) > 20 * median, "a heavy tail of big pull requests");
        Assert.Equal(pulls.Select(p => p.Additions), NewWorld(prs: 2000).Repo("acme", "widgets").Pulls.Select(p => p.Additions));
    }

    [Fact]
    public async Task RestAndGraphQL_SamePull_SameLabelsAndSizes()
    {
        World world = NewWorld(prs: 80);
        SimRepository repo = world.Repo("acme", "widgets");
        SimPull pull;
        lock (world.SyncRoot)
        {
            pull = repo.Pulls.First(p => p.Labels.Count >= 2);
        }

        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient rest = server.CreateClient();
        using HttpClient client = Client();

        using HttpResponseMessage single = await rest.GetAsync($"repos/acme/widgets/pulls/{pull.Number}");
        using JsonDocument restPull = JsonDocument.Parse(await single.Content.ReadAsStringAsync());
        (List<JsonElement> listed, _) = await GetAllPagesAsync(rest, "repos/acme/widgets/pulls?state=all&per_page=100");
        (_, JsonElement body) = await PostAsync(client, server.GraphQLUri, $$"""
            { repository(owner: "acme", name: "widgets") { pullRequests(first: 100) { nodes { number additions deletions changedFiles labels(first: 10) { nodes { name color } } } } } }
            """);
        JsonElement graphQL = body.GetProperty("data").GetProperty("repository").GetProperty("pullRequests").GetProperty("nodes")
            .EnumerateArray().Single(n => n.GetProperty("number").GetInt32() == pull.Number);
        JsonElement restLabels = listed.Single(p => p.GetProperty("number").GetInt32() == pull.Number).GetProperty("labels");

        Assert.Equal(pull.Additions, restPull.RootElement.GetProperty("additions").GetInt32());
        Assert.Equal(pull.Deletions, restPull.RootElement.GetProperty("deletions").GetInt32());
        Assert.Equal(pull.ChangedFiles, restPull.RootElement.GetProperty("changed_files").GetInt32());
        Assert.Equal(pull.Additions, graphQL.GetProperty("additions").GetInt32());
        Assert.Equal(pull.ChangedFiles, graphQL.GetProperty("changedFiles").GetInt32());
        Assert.Equal(pull.Labels, restLabels.EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(pull.Labels, restPull.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(pull.Labels, graphQL.GetProperty("labels").GetProperty("nodes").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        JsonElement label = restLabels[0];
        Assert.Equal(["id", "node_id", "url", "name", "description", "color", "default"], label.EnumerateObject().Select(p => p.Name));
        Assert.Equal(label.GetProperty("color").GetString(), graphQL.GetProperty("labels").GetProperty("nodes")[0].GetProperty("color").GetString());
    }

    [Fact]
    public void EditPull_TitleAndBody_ChangesThemAndMovesUpdatedAt()
    {
        World world = NewWorld(prs: 20);
        SimRepository repo = world.Repo("acme", "widgets");
        SimPull pull = repo.Pulls[3];
        DateTime before = pull.UpdatedAt;

        world.EditPull(repo, pull.Number, title: "New title");

        Assert.Equal("New title", pull.Title);
        Assert.True(pull.UpdatedAt > before);
        Assert.Equal(pull, repo.GetIndex().PullsUpdated(StateFilter.All)[repo.Pulls.Count - 1]);
    }

    /// <summary>Every value the generator drew before pull facts existed, hashed.</summary>
    private static string Fingerprint(World world)
    {
        var t = new StringBuilder();
        foreach (SimAccount a in world.Accounts)
        {
            t.Append(Invariant($"A{a.Id}|{a.Login}|{a.Type}|{a.CreatedAt:O}\n"));
        }

        foreach (SimRepository r in world.Repositories)
        {
            t.Append(Invariant($"R{r.Id}|{r.FullName}|{r.Description}|{r.CreatedAt:O}|{r.PushedAt:O}|{string.Join(",", r.Members)}\n"));
            foreach (SimPull p in r.Pulls)
            {
                t.Append(Invariant($"{p.Id}|{p.IssueId}|{p.Number}|{p.Title}|{p.Body}|{p.User?.Id}|{p.State}|{p.Draft}|{p.CreatedAt:O}|{p.UpdatedAt:O}|{p.ClosedAt:O}|{p.MergedAt:O}|{p.AuthorAssociation}\n"));
            }

            foreach (SimIssue i in r.Issues)
            {
                t.Append(Invariant($"{i.Id}|{i.Number}|{i.Title}|{i.Body}|{i.User?.Id}|{i.State}|{i.StateReason}|{i.CreatedAt:O}|{i.UpdatedAt:O}|{i.ClosedAt:O}|{i.AuthorAssociation}\n"));
            }

            foreach (SimReview x in r.Reviews)
            {
                t.Append(Invariant($"{x.Id}|{x.PullNumber}|{x.User?.Id}|{x.State}|{x.SubmittedAt:O}|{x.Body}|{x.AuthorAssociation}\n"));
            }

            foreach (SimIssueComment c in r.IssueComments)
            {
                t.Append(Invariant($"{c.Id}|{c.IssueNumber}|{c.User?.Id}|{c.CreatedAt:O}|{c.UpdatedAt:O}|{c.Body}|{c.AuthorAssociation}\n"));
            }

            foreach (SimReviewComment c in r.ReviewComments)
            {
                t.Append(Invariant($"{c.Id}|{c.PullNumber}|{c.ReviewId}|{c.User?.Id}|{c.CreatedAt:O}|{c.UpdatedAt:O}|{c.Body}|{c.Path}|{c.Line}|{c.AuthorAssociation}\n"));
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(t.ToString())))[..16];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
