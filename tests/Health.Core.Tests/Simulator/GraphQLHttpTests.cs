using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHubSimulator;
using static Health.Core.Tests.Simulator.GraphQLTestKit;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

/// <summary>The GraphQL endpoint over HTTP: where it answers, authentication, and the fault plan.</summary>
public sealed class GraphQLHttpTests
{
    private const string Cheap = "{ rateLimit { cost remaining } }";

    [Fact]
    public async Task Post_WithoutToken_Returns401EvenWhenRestNeedsNone()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10));
        using var anonymous = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using HttpClient any = Client("anything");

        (HttpResponseMessage missing, JsonElement body) = await PostAsync(anonymous, server.GraphQLUri, Cheap);
        (HttpResponseMessage ok, _) = await PostAsync(any, server.GraphQLUri, Cheap);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(
            """{"message":"This endpoint requires you to be authenticated.","documentation_url":"https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql"}""",
            body.GetRawText());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, server.GraphQLPointsUsed);
    }

    [Fact]
    public async Task Post_TokenRequired_WrongOneIsBadCredentialsRightOneAnswers()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10), new SimulatorOptions { Token = "s3cret" });
        using HttpClient wrong = Client("nope");
        using HttpClient right = Client("s3cret");

        (HttpResponseMessage refused, JsonElement body) = await PostAsync(wrong, server.GraphQLUri, Cheap);
        (HttpResponseMessage ok, _) = await PostAsync(right, server.GraphQLUri, Cheap);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bad credentials", body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Post_UnderEnterprisePrefix_AnswersAtApiGraphql()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10), new SimulatorOptions { PathPrefix = "api/v3" });
        using HttpClient client = Client();

        (HttpResponseMessage response, JsonElement body) = await PostAsync(client, server.GraphQLUri, """{ repository(owner: "acme", name: "widgets") { nameWithOwner } }""");
        (HttpResponseMessage rootPath, _) = await PostAsync(client, new Uri(server.GraphQLUri, "/graphql"), Cheap);

        Assert.Equal("/api/graphql", server.GraphQLUri.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("acme/widgets", body.GetProperty("data").GetProperty("repository").GetProperty("nameWithOwner").GetString());
        Assert.Equal(HttpStatusCode.NotFound, rootPath.StatusCode);
        Assert.NotEmpty(Header(response, "Date"));
    }

    [Fact]
    public async Task PartialDataFault_FirstNestedConnectionIsNullWithAnErrorAtItsPath()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 30));
        server.Options.Faults.Add(new FaultRule(FaultKind.PartialData, PathContains: "graphql", MaxCount: 1));
        using HttpClient client = Client();
        Dictionary<string, object?> variables = Vars(new { first = 3, children = 5, threads = 5, threadComments = 2 });

        (HttpResponseMessage response, JsonElement body) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, variables);
        (_, JsonElement clean) = await PostAsync(client, server.GraphQLUri, PullRequestsQuery, variables);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement nodes = body.GetProperty("data").GetProperty("repository").GetProperty("pullRequests").GetProperty("nodes");
        Assert.Equal(3, nodes.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, nodes[0].GetProperty("labels").ValueKind);
        Assert.Equal(JsonValueKind.Object, nodes[0].GetProperty("reviews").ValueKind);
        Assert.Equal(JsonValueKind.Object, nodes[1].GetProperty("labels").ValueKind);
        JsonElement error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("SERVICE_UNAVAILABLE", error.GetProperty("type").GetString());
        Assert.Equal("""["repository","pullRequests","nodes",0,"labels"]""", error.GetProperty("path").GetRawText());
        Assert.False(clean.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task PartialDataFault_OnANonNullConnection_NullsTheWholeNode()
    {
        World world = NewWorld(prs: 10);
        SimRepository repo = world.Repo("acme", "widgets");
        SimIssue issue = world.AddIssue(repo, world.Accounts[1], "Newest");
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        server.Options.Faults.Add(new FaultRule(FaultKind.PartialData, PathContains: "graphql", MaxCount: 1));
        using HttpClient client = Client();

        (_, JsonElement body) = await PostAsync(client, server.GraphQLUri, IssuesQuery, Vars(new { first = 2, children = 1 }));

        JsonElement nodes = body.GetProperty("data").GetProperty("repository").GetProperty("issues").GetProperty("nodes");
        Assert.Equal(JsonValueKind.Null, nodes[0].ValueKind);
        Assert.Equal(JsonValueKind.Object, nodes[1].ValueKind);
        Assert.Equal("""["repository","issues","nodes",0,"comments"]""", body.GetProperty("errors")[0].GetProperty("path").GetRawText());
        Assert.NotEqual(issue.Number, nodes[1].GetProperty("number").GetInt32());
    }

    [Theory]
    [InlineData(FaultKind.BadGateway502, 502)]
    [InlineData(FaultKind.ServiceUnavailable503, 503)]
    [InlineData(FaultKind.SecondaryRateLimit403, 403)]
    [InlineData(FaultKind.TooManyRequests429, 429)]
    public async Task Fault_OnTheGraphQLPath_AnswersLikeRestWithoutUsingPoints(FaultKind kind, int status)
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10));
        server.Options.Faults.Add(new FaultRule(kind, PathContains: "graphql", MaxCount: 1) { RetryAfterSeconds = 3 });
        using HttpClient client = Client();
        using HttpClient rest = server.CreateClient();

        (HttpResponseMessage faulted, _) = await PostAsync(client, server.GraphQLUri, Cheap);
        using HttpResponseMessage restAnswer = await rest.GetAsync("repos/acme/widgets/pulls");
        (HttpResponseMessage next, _) = await PostAsync(client, server.GraphQLUri, Cheap);

        Assert.Equal(status, (int)faulted.StatusCode);
        Assert.Equal(status is 403 or 429 ? "3" : "", Header(faulted, "Retry-After"));
        Assert.Equal(HttpStatusCode.OK, restAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1, server.GraphQLPointsUsed);
    }

    [Fact]
    public async Task PrimaryRateLimitFault_OnTheGraphQLPath_EmptiesTheGraphQLBudgetOnly()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10));
        server.Options.Faults.Add(new FaultRule(FaultKind.PrimaryRateLimitExhausted, PathContains: "graphql", MaxCount: 1));
        using HttpClient client = Client();
        using HttpClient rest = server.CreateClient();

        (HttpResponseMessage limited, JsonElement body) = await PostAsync(client, server.GraphQLUri, Cheap);
        (_, JsonElement still) = await PostAsync(client, server.GraphQLUri, Cheap);
        using HttpResponseMessage restAnswer = await rest.GetAsync("rate_limit");
        using JsonDocument rates = JsonDocument.Parse(await restAnswer.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, limited.StatusCode);
        Assert.Equal("RATE_LIMITED", body.GetProperty("errors")[0].GetProperty("type").GetString());
        Assert.Equal("RATE_LIMITED", still.GetProperty("errors")[0].GetProperty("type").GetString());
        Assert.Equal(0, rates.RootElement.GetProperty("resources").GetProperty("graphql").GetProperty("remaining").GetInt32());
        Assert.True(rates.RootElement.GetProperty("resources").GetProperty("core").GetProperty("remaining").GetInt32() > 0);
    }

    [Fact]
    public async Task TruncatedBodyFault_OnTheGraphQLPath_HalfTheJson()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10));
        server.Options.Faults.Add(new FaultRule(FaultKind.TruncatedBody, PathContains: "graphql", MaxCount: 1));
        using HttpClient client = Client();

        const string query = """{ repository(owner: "acme", name: "widgets") { nameWithOwner } }""";
        using HttpResponseMessage cut = await client.PostAsJsonAsync(server.GraphQLUri, new { query });
        using HttpResponseMessage whole = await client.PostAsJsonAsync(server.GraphQLUri, new { query });
        string cutText = await cut.Content.ReadAsStringAsync();
        string wholeText = await whole.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
        Assert.StartsWith(cutText, wholeText, StringComparison.Ordinal);
        Assert.Equal(wholeText.Length / 2, cutText.Length);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cutText));
    }

    [Fact]
    public async Task DropConnectionFault_OnTheGraphQLPath_NoAnswer()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10));
        server.Options.Faults.Add(new FaultRule(FaultKind.DropConnection, PathContains: "graphql", MaxCount: 1));
        using HttpClient client = Client();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsJsonAsync(server.GraphQLUri, new { query = Cheap }));
        (HttpResponseMessage next, _) = await PostAsync(client, server.GraphQLUri, Cheap);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(0, server.Log.Snapshot()[0].Status);
    }

    [Fact]
    public async Task Post_BodyNotJson_Returns400ProblemsParsingJson()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 10));
        using HttpClient client = Client();

        using HttpResponseMessage response = await client.PostAsync(server.GraphQLUri, new StringContent("query {"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Problems parsing JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
