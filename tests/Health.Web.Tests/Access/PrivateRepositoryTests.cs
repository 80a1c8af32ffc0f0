using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Health.Core.Storage.Entities;
using Health.Web.Tests.Infrastructure;
using Health.Web.Tests.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Tests.Access;

/// <summary>
/// A repository GitHub reports as private is, to a reader who may not see it, a repository Health does not track: not on the
/// overview, the repository page, the compare page, exports or chart CSVs. Operators see it; in GitHub mode, so does a reader
/// GitHub lets read it.
/// </summary>
public sealed class PrivateRepositoryTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task PrivateRepository_InvisibleToAnonymousReaders_Everywhere_VisibleToOperators()
    {
        await using var app = await AppHarness.StartAsync(settings: new Dictionary<string, string?> { ["Access:Mode"] = "Password", ["Access:Password"] = Password });
        app.World.AddRepository("acme", "secret", isPrivate: true);
        await TrackAsync(app, "acme/widgets");
        await TrackAsync(app, "acme/secret");
        await using (var db = app.NewDb())
        {
            Assert.True(await db.Repositories.Where(r => r.Name == "secret").Select(r => r.IsPrivate).SingleAsync());
            Assert.False(await db.Repositories.Where(r => r.Name == "widgets").Select(r => r.IsPrivate).SingleAsync());
        }

        using var anonymous = app.CreateClient();
        await AssertHiddenAsync(anonymous);

        using var operatorClient = app.CreateClient();
        operatorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"op:{Password}")));
        await AssertShownAsync(operatorClient);
    }

    [Fact]
    public async Task GitHubMode_ReaderSeesAPrivateRepositoryOnlyIfGitHubLetsThemReadIt()
    {
        await using var app = await GitHubSignInTests.StartAsync(new() { ["Access:Operators:0"] = "acme/maintainers" });
        app.World.AddRepository("acme", "secret", isPrivate: true);
        await TrackAsync(app, "acme/secret");
        var insider = GitHubSignInTests.Account(app, 0);
        var outsider = GitHubSignInTests.Account(app, 1);
        app.World.GrantRead(app.World.Repo("acme", "secret"), insider);

        using var anonymous = GitHubSignInClient.Anonymous(app.BaseUri);
        await AssertHiddenAsync(anonymous);

        using var other = GitHubSignInClient.Anonymous(app.BaseUri);
        await GitHubSignInClient.SignInAsync(other, app.Server, outsider);
        await AssertHiddenAsync(other);

        using var granted = GitHubSignInClient.Anonymous(app.BaseUri);
        await GitHubSignInClient.SignInAsync(granted, app.Server, insider);
        await AssertShownAsync(granted);
    }

    private static async Task AssertHiddenAsync(HttpClient client)
    {
        var overview = await GetAsync(client, "/", HttpStatusCode.OK);
        Assert.Contains("acme/widgets", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", overview, StringComparison.Ordinal);
        Assert.Contains("it is not a repository Health tracks", await GetAsync(client, "/repos/acme/secret", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("acme/secret is not tracked", await GetAsync(client, "/export/metrics.csv?repo=acme/secret&period=month", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", await GetAsync(client, "/export/metrics.csv?org=acme&period=month", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", await GetAsync(client, "/export/prs.csv?org=acme", HttpStatusCode.OK), StringComparison.Ordinal);
        await GetAsync(client, "/repos/acme/secret/charts/pr-flow.csv", HttpStatusCode.NotFound);
        Assert.Contains("Health holds no data for acme/secret", await GetAsync(client, "/compare?items=acme/secret", HttpStatusCode.OK), StringComparison.Ordinal);
        var organisation = await GetAsync(client, "/compare?items=acme", HttpStatusCode.OK);
        Assert.DoesNotContain("secret", organisation, StringComparison.Ordinal);
        Assert.Contains("acme (1 repository)", organisation, StringComparison.Ordinal);
        await GetAsync(client, "/compare/charts/prs-opened.csv?items=acme/secret", HttpStatusCode.BadRequest);
        await GetAsync(client, "/badges/acme/secret/merge-rate.svg", HttpStatusCode.NotFound);
        await GetAsync(client, "/badges/acme/widgets/merge-rate.svg", HttpStatusCode.OK);
    }

    private static async Task AssertShownAsync(HttpClient client)
    {
        Assert.Contains("acme/secret", await GetAsync(client, "/", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.DoesNotContain("it is not a repository Health tracks", await GetAsync(client, "/repos/acme/secret", HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.StartsWith("repo,period_start,", await GetAsync(client, "/export/metrics.csv?repo=acme/secret&period=month", HttpStatusCode.OK), StringComparison.Ordinal);
        await GetAsync(client, "/repos/acme/secret/charts/pr-flow.csv", HttpStatusCode.OK);
        await GetAsync(client, "/compare/charts/prs-opened.csv?items=acme/secret", HttpStatusCode.OK);
        Assert.Contains("acme (2 repositories)", await GetAsync(client, "/compare?items=acme", HttpStatusCode.OK), StringComparison.Ordinal);

        // A badge is for a README, which anyone reads: never of a private repository, whoever asks.
        await GetAsync(client, "/badges/acme/secret/merge-rate.svg", HttpStatusCode.NotFound);
    }

    private static async Task<string> GetAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}, expected {(int)expected}: {body[..Math.Min(300, body.Length)]}");
        return body;
    }

    private static async Task TrackAsync(AppHarness app, string fullName)
    {
        var added = await app.Catalog.AddAsync(fullName, CancellationToken.None);
        Assert.True(added.Succeeded, added.Error);
        await SyncJobTests.WaitForStateAsync(app, await app.RepositoryIdAsync(fullName), SyncState.Idle);
    }
}
