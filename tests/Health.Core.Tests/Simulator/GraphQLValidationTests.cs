using System.Text.Json;
using GitHubSimulator;
using static Health.Core.Tests.Simulator.GraphQLTestKit;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

/// <summary>Invalid documents are refused as GitHub refuses them: 200, <c>errors</c> only (no <c>data</c>), GitHub's words.</summary>
public sealed class GraphQLValidationTests : IAsyncLifetime
{
    private SimulatorServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(NewWorld(prs: 20));
        _client = Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ProductQuery_WithAnUnknownField_UndefinedFieldErrorAndNoData()
    {
        string query = PullRequestsQuery.Replace("isDraft", "isDraft\n        foo", StringComparison.Ordinal);

        JsonElement error = await SingleErrorAsync(query, Vars(new { first = 5, children = 2, threads = 2, threadComments = 2 }));

        Assert.Equal("Field 'foo' doesn't exist on type 'PullRequest'", error.GetProperty("message").GetString());
        Assert.Equal(
            """{"code":"undefinedField","typeName":"PullRequest","fieldName":"foo"}""",
            error.GetProperty("extensions").GetRawText());
        Assert.Equal(
            """["query PullRequests","repository","pullRequests","nodes","foo"]""",
            error.GetProperty("path").GetRawText());
        Assert.True(error.GetProperty("locations")[0].GetProperty("line").GetInt32() > 1);
    }

    [Theory]
    [InlineData("""{ repository(owner: "acme", name: "widgets") { pullRequests(first: 1, states: OPEN) { totalCount } } }""",
        "Field 'pullRequests' doesn't accept argument 'states'", "argumentNotAccepted")]
    [InlineData("""{ repository(owner: "acme", name: "widgets") { pullRequests(first: 1) { nodes { author { ... on Robot { login } } } } } }""",
        "No such type Robot, so it can't be a fragment condition", "undefinedType")]
    [InlineData("""query Q { rateLimit { cost } } fragment Unused on RateLimit { limit }""",
        "Fragment Unused was defined, but not used", "useAndDefineFragment")]
    [InlineData("""query Q { rateLimit { ...Missing } }""",
        "Fragment Missing was used, but not defined", "useAndDefineFragment")]
    [InlineData("""query Q($unused: Int) { rateLimit { cost } }""",
        "Variable $unused is declared by Q but not used", "variableNotUsed")]
    [InlineData("""query Q { repository(owner: "acme", name: $name) { name } }""",
        "Variable $name is used by Q but not declared", "variableNotDefined")]
    [InlineData("""{ repository(owner: "acme") { name } }""",
        "Field 'repository' is missing required arguments: name", "missingRequiredArguments")]
    public async Task Document_Invalid_GitHubsMessageAndCode(string query, string message, string code)
    {
        JsonElement error = await SingleErrorAsync(query, null);

        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task RequiredVariable_Missing_ProvidedInvalidValue()
    {
        JsonElement error = await SingleErrorAsync(IssuesQuery, new { owner = "acme", name = "widgets", children = 1 });

        Assert.Equal("Variable $first of type Int! was provided invalid value", error.GetProperty("message").GetString());
        Assert.Equal(
            """{"value":null,"problems":[{"path":[],"explanation":"Expected value to not be null"}]}""",
            error.GetProperty("extensions").GetRawText());
    }

    [Fact]
    public async Task Document_Unparseable_ParseErrorWithItsLocation()
    {
        JsonElement error = await SingleErrorAsync("{ rateLimit { cost }", null);

        Assert.StartsWith("Parse error", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, error.GetProperty("locations")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task ContinuationBatch_DeclaringThreadCommentsWithoutAThreadPart_IsRefusedAsAnUnusedVariable()
    {
        (string query, Dictionary<string, object?> variables) = Continuation(5, ("PullRequest.reviews", "PR_x", null));
        query = query.Replace("query Continue(", "query Continue($threadComments: Int!, ", StringComparison.Ordinal);
        variables["threadComments"] = 5;

        JsonElement error = await SingleErrorAsync(query, variables);

        Assert.Equal("Variable $threadComments is declared by Continue but not used", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ProductDocuments_EveryContinuationPart_IsValid()
    {
        (string query, Dictionary<string, object?> variables) = Continuation(
            5,
            ("PullRequest.reviews", "PR_x", null),
            ("PullRequest.comments", "PR_x", null),
            ("PullRequest.labels", "PR_x", null),
            ("PullRequest.reviewThreads", "PR_x", null),
            ("PullRequestReviewThread.comments", "PRRT_x", null),
            ("Issue.comments", "I_x", "Y3Vyc29yOnYyOjE="));

        (HttpResponseMessage response, JsonElement body) = await PostAsync(_client, _server.GraphQLUri, query, variables);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(body.TryGetProperty("data", out JsonElement data), body.ToString());
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(JsonValueKind.Null, data.GetProperty($"c{i}").ValueKind));
        Assert.All(body.GetProperty("errors").EnumerateArray(), e => Assert.Equal("NOT_FOUND", e.GetProperty("type").GetString()));
    }

    private async Task<JsonElement> SingleErrorAsync(string query, object? variables)
    {
        (HttpResponseMessage response, JsonElement body) = await PostAsync(_client, _server.GraphQLUri, query, variables);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(body.TryGetProperty("data", out _), body.ToString());
        Assert.Equal(0, _server.GraphQLPointsUsed);
        return Assert.Single(body.GetProperty("errors").EnumerateArray());
    }
}
