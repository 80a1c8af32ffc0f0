using System.Net;
using GitHubSimulator;
using Health.Core.Storage.Entities;
using Health.Web.Tests.Infrastructure;
using Health.Web.Tests.Jobs;

namespace Health.Web.Tests.Access;

/// <summary>
/// <c>Access:Mode=GitHub</c> against the simulator's OAuth app: operators by team, readers by organisation, a login on
/// neither list refused with a message, a reader refused the operators' pages, sign-out.
/// </summary>
public sealed class GitHubSignInTests
{
    [Fact]
    public async Task TeamMember_SignsInAsOperator_ManagesHealth_ThenSignsOut()
    {
        await using var app = await StartAsync(new() { ["Access:Operators:0"] = "acme/maintainers", ["Access:Readers:0"] = "acme" });
        var maintainer = Account(app, 0);
        app.World.AddTeamMember("acme", "maintainers", maintainer);
        using var client = GitHubSignInClient.Anonymous(app.BaseUri);

        using var before = await client.GetAsync(new Uri("/repositories", UriKind.Relative));
        var landed = await GitHubSignInClient.SignInAsync(client, app.Server, maintainer, "/repositories");
        using var repositories = await client.GetAsync(new Uri("/repositories", UriKind.Relative));
        using var jobs = await client.GetAsync(new Uri("/jobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.StartsWith("/signin", before.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("/repositories", landed.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, repositories.StatusCode);
        Assert.Matches($"data-testid=\"signed-in-as\"[^>]*>{maintainer}<", await repositories.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);

        var page = await repositories.Content.ReadAsStringAsync();
        var input = System.Text.RegularExpressions.Regex.Match(page, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*>").Value;
        var token = System.Text.RegularExpressions.Regex.Match(input, "value=\"(?<v>[^\"]+)\"").Groups["v"].Value;
        Assert.NotEmpty(token);
        using var signOut = await client.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var after = await client.GetAsync(new Uri("/repositories", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/access/signed-out", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task OrganisationMember_Reads_ButIsRefusedTheOperatorsPages()
    {
        await using var app = await StartAsync(new() { ["Access:Operators:0"] = "someone-else", ["Access:Readers:0"] = "acme" });
        var reader = Account(app, 1);
        app.World.AddOrgMember("acme", reader);
        using var client = GitHubSignInClient.Anonymous(app.BaseUri);

        using var anonymous = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var anonymousExport = await client.GetAsync(new Uri("/export/prs.csv?repo=acme/widgets", UriKind.Relative));
        await GitHubSignInClient.SignInAsync(client, app.Server, reader);
        using var overview = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var repositories = await client.GetAsync(new Uri("/repositories", UriKind.Relative));
        using var denied = await client.GetAsync(repositories.Headers.Location!);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode); // readers are not public here: sign in first
        Assert.Equal(HttpStatusCode.Redirect, anonymousExport.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, repositories.StatusCode);
        Assert.StartsWith("/access/denied", repositories.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains($"You are signed in as {reader}, who may read this dashboard but not manage it", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginOnNeitherList_IsRefusedWithAMessage_AndNotSignedIn()
    {
        await using var app = await StartAsync(new() { ["Access:Operators:0"] = "acme/maintainers", ["Access:Readers:0"] = "acme" });
        var stranger = Account(app, 2);
        using var client = GitHubSignInClient.Anonymous(app.BaseUri);

        var landed = await GitHubSignInClient.SignInAsync(client, app.Server, stranger);
        using var page = await client.GetAsync(landed);
        using var overview = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal("/access/denied", landed.AbsolutePath);
        Assert.Contains($"GitHub signed you in as {stranger}, who is not among this dashboard&#x27;s readers or operators", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
    }

    [Fact]
    public async Task SignIn_AsksForTheRepoScopeOnlyWhileAPrivateRepositoryIsTracked()
    {
        await using var app = await StartAsync(new() { ["Access:Operators:0"] = "acme/maintainers" });
        using var client = GitHubSignInClient.Anonymous(app.BaseUri);
        async Task<string> ScopeAsync()
        {
            using var start = await client.GetAsync(new Uri("/signin", UriKind.Relative));
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(start.Headers.Location!.Query)["scope"].ToString();
        }

        var publicOnly = await ScopeAsync();
        app.World.AddRepository("acme", "secret", isPrivate: true);
        await app.Catalog.AddAsync("acme/secret", CancellationToken.None);
        var withPrivate = await ScopeAsync();

        Assert.Equal("read:org", publicOnly);
        Assert.Equal("read:org repo", withPrivate);
    }

    [Fact]
    public async Task Start_GitHubModeWithoutItsApp_FailsNamingTheKeys()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AppHarness.StartAsync(settings: new Dictionary<string, string?> { ["Access:Mode"] = "GitHub" }));

        var message = failure.ToString();
        Assert.Contains("Access:GitHub:ClientId and Access:GitHub:ClientSecret must be set", message, StringComparison.Ordinal);
        Assert.Contains("Access:Operators must name at least one", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownMode_FailsNamingTheKey()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AppHarness.StartAsync(settings: new Dictionary<string, string?> { ["Access:Mode"] = "Everyone" }));

        Assert.Contains("Access:Mode", failure.ToString(), StringComparison.Ordinal);
    }

    internal static async Task<AppHarness> StartAsync(Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["Access:Mode"] = "GitHub",
            ["Access:GitHub:ClientId"] = new SimulatorOptions().OAuthClientId,
            ["Access:GitHub:ClientSecret"] = new SimulatorOptions().OAuthClientSecret,
        };
        var app = await AppHarness.StartAsync(settings: all);
        await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);
        await SyncJobTests.WaitForStateAsync(app, await app.RepositoryIdAsync("acme/widgets"), SyncState.Idle);
        return app;
    }

    /// <summary>A person of the world (a user, not a bot or an organisation), the <paramref name="n"/>th.</summary>
    internal static string Account(AppHarness app, int n)
    {
        lock (app.World.SyncRoot)
        {
            return app.World.Accounts.Where(a => a.Type == AccountTypes.User && a.Login != "ghost").Skip(n).First().Login;
        }
    }
}
