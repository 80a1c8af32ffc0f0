using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Health.Core.Storage.Entities;
using Health.Web.Tests.Infrastructure;
using Health.Web.Tests.Jobs;

namespace Health.Web.Tests.Hosting;

/// <summary><c>/health</c>, <c>/jobs</c> behind the operator policy, and the repositories page served over HTTP.</summary>
public sealed class EndpointTests(SyncedAppFixture fixture) : IClassFixture<SyncedAppFixture>
{
    [Fact]
    public async Task Health_AfterASync_ReportsDatabaseJobsAndGitHub()
    {
        var app = fixture.App; // acme/widgets tracked and synced
        await SyncJobTests.WaitForStateAsync(app, await app.RepositoryIdAsync("acme/widgets"), SyncState.Idle);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["database", "github", "jobs"], checks.Keys.Order());
        Assert.Equal("1 repositories tracked", checks["database"].GetProperty("description").GetString());
        Assert.Equal(1, checks["jobs"].GetProperty("data").GetProperty("servers").GetInt32());
        Assert.StartsWith("GitHub answered ", checks["github"].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_GitHubFailing_IsDegradedAndNamesTheProblem()
    {
        await using var app = await AppHarness.StartAsync(settings: new Dictionary<string, string?> { ["GitHub:MaxRetries"] = "0", ["Jobs:Retries"] = "0" });
        app.Server.Options.Faults.Add(new GitHubSimulator.FaultRule(GitHubSimulator.FaultKind.ServiceUnavailable503));
        await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        var github = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "github");
        Assert.Contains("503", github.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_LocalRequest_ShowsHangfireDashboard()
    {
        var app = fixture.App;
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/jobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Health jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/jobs")]
    [InlineData("/repositories")]
    public async Task Management_RequestRelayedByAProxy_IsForbiddenInLocalMode(string path)
    {
        var app = fixture.App;
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Access:Mode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Management_PasswordMode_AsksForThePasswordAndAcceptsIt()
    {
        await using var app = await AppHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Access:Mode"] = "Password",
            ["Access:Password"] = "correct horse battery",
        });
        using var client = app.CreateClient();

        using var anonymous = await client.GetAsync(new Uri("/jobs", UriKind.Relative));
        using var wrong = await SendWithPasswordAsync(client, "/jobs", "nope");
        using var right = await SendWithPasswordAsync(client, "/jobs", "correct horse battery");
        using var overview = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }

    [Fact]
    public async Task RepositoriesPage_LocalRequest_RendersTrackedRepositories()
    {
        var app = fixture.App; // acme/widgets tracked
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri("/repositories", UriKind.Relative));

        Assert.Matches("<h1[^>]*>Repositories</h1>", html);
        Assert.Contains("data-repo=\"acme/widgets\"", html, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendWithPasswordAsync(HttpClient client, string path, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"maintainer:{password}")));
        return client.SendAsync(request);
    }
}
