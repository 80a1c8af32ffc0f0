using System.Collections.Specialized;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using GitHubSimulator;
using Microsoft.Extensions.Time.Testing;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

/// <summary>The OAuth web flow (<c>/login/oauth/...</c>) and what its user tokens may read, over real HTTP.</summary>
public sealed class SimulatorOAuthTests
{
    private const string ClientId = "health-client-id";
    private const string Secret = "health-client-secret";
    private const string Callback = "https://app.example/signin-github";
    private const string Login = "octo-user";

    [Fact]
    public async Task WebFlow_AllowThenExchange_IssuesATokenThatReadsTheUser()
    {
        World world = NewWorld(prs: 20);
        world.AddAccount(Login);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient browser = Browser(server);

        using HttpResponseMessage page = await browser.GetAsync(
            $"/login/oauth/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(Callback)}&state=st-1&scope=read%3Auser%20user%3Aemail");
        string html = await page.Content.ReadAsStringAsync();
        using HttpResponseMessage allowed = await SubmitAsync(browser, Login.ToUpperInvariant(), "allow", state: "st-1", scope: "read:user user:email");
        NameValueCollection back = QueryOf(allowed);
        using JsonDocument token = await ExchangeAsync(browser, back["code"]!);
        string accessToken = token.RootElement.GetProperty("access_token").GetString()!;
        using HttpResponseMessage user = await SendAsync(server, "user", accessToken);
        using JsonDocument userBody = JsonDocument.Parse(await user.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        Assert.Contains("<title>Authorize application</title>", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/login/oauth/authorize\">", html, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"hidden\" name=\"client_id\" value=\"{ClientId}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"hidden\" name=\"redirect_uri\" value=\"{Callback}\">", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"state\" value=\"st-1\">", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"scope\" value=\"read:user user:email\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"login\">Username or email address</label>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" name=\"decision\" value=\"allow\">Authorize</button>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("flash-error", html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Found, allowed.StatusCode);
        Assert.StartsWith(Callback + "?code=", allowed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{20}$", back["code"]);
        Assert.Equal("st-1", back["state"]);

        Assert.Matches("^gho_[A-Za-z0-9]{36}$", accessToken);
        Assert.Equal("bearer", token.RootElement.GetProperty("token_type").GetString());
        Assert.Equal("read:user,user:email", token.RootElement.GetProperty("scope").GetString());

        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal(Login, userBody.RootElement.GetProperty("login").GetString());
        Assert.Equal(world.FindAccount(Login)!.Id, userBody.RootElement.GetProperty("id").GetInt64());
        Assert.Equal("User", userBody.RootElement.GetProperty("type").GetString());
        Assert.Equal(0, userBody.RootElement.GetProperty("followers").GetInt32());
        Assert.Equal(JsonValueKind.Null, userBody.RootElement.GetProperty("email").ValueKind);
        Assert.False(string.IsNullOrEmpty(Header(user, "X-RateLimit-Remaining")));
        Assert.Equal(
            ["GET /login/oauth/authorize 200", "POST /login/oauth/authorize 302", "POST /login/oauth/access_token 200", "GET /user 200"],
            server.Log.Snapshot().Select(r => $"{r.Method} {r.PathAndQuery.Split('?')[0]} {r.Status}"));
    }

    [Fact]
    public async Task UserToken_UsesOneUnitOfTheRestBudget_WhileTheWebFlowUsesNone()
    {
        World world = NewWorld(prs: 20);
        world.AddAccount(Login);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient app = server.CreateClient();

        using HttpResponseMessage before = await app.GetAsync("repos/acme/widgets");
        string token = await SignInAsync(server, Login);
        using HttpResponseMessage user = await SendAsync(server, "user", token);
        using HttpResponseMessage after = await app.GetAsync("repos/acme/widgets");

        int remaining = int.Parse(Header(before, "X-RateLimit-Remaining"));
        Assert.Equal(remaining - 1, int.Parse(Header(user, "X-RateLimit-Remaining")));
        Assert.Equal(remaining - 2, int.Parse(Header(after, "X-RateLimit-Remaining")));
    }

    [Fact]
    public async Task UserOrgsAndTeams_ListTheMembershipsOfTheUser()
    {
        World world = NewWorld(prs: 20);
        world.AddAccount(Login);
        world.AddAccount("someone-else");
        world.AddOrgMember("zeta-org", Login.ToUpperInvariant());
        world.AddOrgMember("acme", Login);
        world.AddTeamMember("beta-org", "core-team", Login);
        world.AddTeamMember("acme", "reviewers", Login);
        world.AddTeamMember("acme", "ops", "someone-else");
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        string token = await SignInAsync(server, Login);

        using HttpResponseMessage orgs = await SendAsync(server, "user/orgs", token);
        using JsonDocument orgsBody = JsonDocument.Parse(await orgs.Content.ReadAsStringAsync());
        using HttpResponseMessage teams = await SendAsync(server, "user/teams", token);
        using JsonDocument teamsBody = JsonDocument.Parse(await teams.Content.ReadAsStringAsync());
        JsonElement[] orgItems = [.. orgsBody.RootElement.EnumerateArray()];
        JsonElement[] teamItems = [.. teamsBody.RootElement.EnumerateArray()];

        Assert.Equal(HttpStatusCode.OK, orgs.StatusCode);
        Assert.Equal(["acme", "beta-org", "zeta-org"], orgItems.Select(o => o.GetProperty("login").GetString()));
        Assert.Equal(world.FindAccount("acme")!.Id, orgItems[0].GetProperty("id").GetInt64());
        Assert.Equal(server.BaseUri + "orgs/acme", orgItems[0].GetProperty("url").GetString());
        Assert.Equal(server.BaseUri + "orgs/acme/members{/member}", orgItems[0].GetProperty("members_url").GetString());
        Assert.NotEqual(orgItems[1].GetProperty("id").GetInt64(), orgItems[2].GetProperty("id").GetInt64());
        foreach (string field in new[] { "node_id", "repos_url", "events_url", "hooks_url", "issues_url", "public_members_url", "avatar_url", "description" })
        {
            Assert.True(orgItems[1].TryGetProperty(field, out _), field);
        }

        Assert.Equal(HttpStatusCode.OK, teams.StatusCode);
        Assert.Equal(["reviewers", "core-team"], teamItems.Select(t => t.GetProperty("slug").GetString()));
        Assert.Equal("closed", teamItems[1].GetProperty("privacy").GetString());
        Assert.Equal("pull", teamItems[1].GetProperty("permission").GetString());
        Assert.Equal("core-team", teamItems[1].GetProperty("name").GetString());
        Assert.Equal("beta-org", teamItems[1].GetProperty("organization").GetProperty("login").GetString());
        Assert.Equal(orgItems[1].GetProperty("id").GetInt64(), teamItems[1].GetProperty("organization").GetProperty("id").GetInt64());
        Assert.Equal(world.FindAccount("acme")!.Id, teamItems[0].GetProperty("organization").GetProperty("id").GetInt64());
        Assert.EndsWith("/orgs/beta-org/teams/core-team", teamItems[1].GetProperty("html_url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserToken_ReadsAPrivateRepositoryOnlyOnceGrantedRead()
    {
        World world = NewWorld(prs: 20);
        world.AddAccount(Login);
        SimRepository secret = world.AddRepository("acme", "secret", isPrivate: true);
        world.AddRepository(Login, "own-private", isPrivate: true);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world, new SimulatorOptions { Token = "app-token" });
        string token = await SignInAsync(server, Login);
        using HttpClient app = server.CreateClient();

        using HttpResponseMessage hidden = await SendAsync(server, "repos/acme/secret", token);
        using HttpResponseMessage missing = await SendAsync(server, "repos/acme/nope", token);
        using HttpResponseMessage publicRepo = await SendAsync(server, "repos/acme/widgets", token);
        using HttpResponseMessage owned = await SendAsync(server, "repos/octo-user/own-private", token);
        using HttpResponseMessage otherRoute = await SendAsync(server, "repos/acme/widgets/pulls", token);
        using HttpResponseMessage appView = await app.GetAsync("repos/acme/secret");
        world.GrantRead(secret, Login.ToUpperInvariant());
        using HttpResponseMessage granted = await SendAsync(server, "repos/acme/secret", token);
        using JsonDocument grantedBody = JsonDocument.Parse(await granted.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(await missing.Content.ReadAsStringAsync(), await hidden.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, publicRepo.StatusCode);
        Assert.Equal(await (await app.GetAsync("repos/acme/widgets")).Content.ReadAsStringAsync(), await publicRepo.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, owned.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherRoute.StatusCode);
        Assert.Equal(HttpStatusCode.OK, appView.StatusCode);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("acme/secret", grantedBody.RootElement.GetProperty("full_name").GetString());
        Assert.True(grantedBody.RootElement.GetProperty("private").GetBoolean());
    }

    [Fact]
    public async Task Tokens_UnissuedUserTokenIs401_AppTokenAndNoneKeepTheirAnswers()
    {
        World world = NewWorld(prs: 20);
        world.AddAccount(Login);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient anonymous = server.CreateClient();

        using HttpResponseMessage forged = await SendAsync(server, "user", "gho_" + new string('x', 36));
        using HttpResponseMessage forgedTeams = await SendAsync(server, "user/teams", "gho_" + new string('x', 36));
        using HttpResponseMessage forgedRepo = await SendAsync(server, "repos/acme/widgets", "gho_" + new string('x', 36));
        using HttpResponseMessage none = await anonymous.GetAsync("user");
        server.Options.Token = "app-token";
        using HttpClient app = server.CreateClient();
        using HttpResponseMessage withApp = await app.GetAsync("user");
        using HttpResponseMessage wrongApp = await SendAsync(server, "repos/acme/widgets", "not-the-app-token");
        string token = await SignInAsync(server, Login);
        using var asToken = new HttpRequestMessage(HttpMethod.Get, "user");
        asToken.Headers.TryAddWithoutValidation("Authorization", "token " + token);
        using HttpResponseMessage user = await anonymous.SendAsync(asToken);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(
            """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}""",
            await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forgedTeams.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forgedRepo.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withApp.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongApp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
    }

    [Fact]
    public async Task AccessToken_CodeUsedTwice_IsBadVerificationCode()
    {
        World world = NewWorld(prs: 20);
        world.AddAccount(Login);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient browser = Browser(server);
        using HttpResponseMessage allowed = await SubmitAsync(browser, Login, "allow");
        string code = QueryOf(allowed)["code"]!;

        using JsonDocument first = await ExchangeAsync(browser, code);
        using JsonDocument second = await ExchangeAsync(browser, code);

        Assert.StartsWith("gho_", first.RootElement.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        AssertBadVerificationCode(second);
    }

    [Fact]
    public async Task AccessToken_WrongSecret_IsIncorrectClientCredentials_AndLeavesTheCodeUsable()
    {
        World world = NewWorld(prs: 20);
        world.AddAccount(Login);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient browser = Browser(server);
        using HttpResponseMessage allowed = await SubmitAsync(browser, Login, "allow");
        string code = QueryOf(allowed)["code"]!;

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/login/oauth/access_token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = ClientId, ["client_secret"] = "wrong", ["code"] = code, ["redirect_uri"] = Callback,
            }),
        };
        wrong.Headers.Accept.ParseAdd("application/json");
        using HttpResponseMessage wrongResponse = await browser.SendAsync(wrong);
        string wrongBody = await wrongResponse.Content.ReadAsStringAsync();
        using var basic = new HttpRequestMessage(HttpMethod.Post, "/login/oauth/access_token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["grant_type"] = "authorization_code" }),
        };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{Secret}")));
        using HttpResponseMessage basicResponse = await browser.SendAsync(basic);
        using JsonDocument basicBody = JsonDocument.Parse(await basicResponse.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, wrongResponse.StatusCode);
        Assert.Equal("application/json; charset=utf-8", wrongResponse.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            """{"error":"incorrect_client_credentials","error_description":"The client_id and/or client_secret passed are incorrect.","error_uri":"https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials"}""",
            wrongBody);
        Assert.StartsWith("gho_", basicBody.RootElement.GetProperty("access_token").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessToken_ExpiredCodeOrOtherRedirectUri_IsBadVerificationCode()
    {
        var clock = new FakeTimeProvider(End);
        var world = new World(clock);
        world.AddAccount(Login);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient browser = Browser(server);

        using HttpResponseMessage late = await SubmitAsync(browser, Login, "allow");
        using HttpResponseMessage inTime = await SubmitAsync(browser, Login, "allow");
        using HttpResponseMessage elsewhere = await SubmitAsync(browser, Login, "allow");
        using JsonDocument mismatch = await ExchangeAsync(browser, QueryOf(elsewhere)["code"]!, redirectUri: "https://evil.example/cb");
        clock.Advance(TimeSpan.FromMinutes(10));
        using JsonDocument atTen = await ExchangeAsync(browser, QueryOf(inTime)["code"]!);
        clock.Advance(TimeSpan.FromSeconds(1));
        using JsonDocument expired = await ExchangeAsync(browser, QueryOf(late)["code"]!);

        Assert.True(atTen.RootElement.TryGetProperty("access_token", out _));
        AssertBadVerificationCode(expired);
        AssertBadVerificationCode(mismatch);
    }

    [Fact]
    public async Task Authorize_Deny_RedirectsWithAccessDenied()
    {
        World world = NewWorld(prs: 20);
        world.AddAccount(Login);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient browser = Browser(server);

        using HttpResponseMessage denied = await SubmitAsync(browser, Login, "deny", state: "a b&c", redirectUri: Callback + "?next=%2Fhome");

        Assert.Equal(HttpStatusCode.Found, denied.StatusCode);
        Assert.Equal(
            Callback + "?next=%2Fhome&error=access_denied&error_description=The+user+has+denied+your+application+access.&state=a+b%26c",
            denied.Headers.Location!.OriginalString);
        Assert.Equal("a b&c", QueryOf(denied)["state"]);
        Assert.Null(QueryOf(denied)["code"]);
    }

    [Fact]
    public async Task Authorize_UnknownLoginOrNotAUser_ShowsTheFormAgainWithTheError()
    {
        World world = NewWorld(prs: 20);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient browser = Browser(server);

        using HttpResponseMessage unknown = await SubmitAsync(browser, "nobody-here", "allow", state: "st-9");
        string html = await unknown.Content.ReadAsStringAsync();
        using HttpResponseMessage organization = await SubmitAsync(browser, "acme", "allow");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("<p class=\"flash-error\" role=\"alert\">Incorrect username or password.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"state\" value=\"st-9\">", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/login/oauth/authorize\">", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, organization.StatusCode);
        Assert.Contains("flash-error", await organization.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_HostileQueryValues_AreHtmlEncoded()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 20));
        using HttpClient browser = Browser(server);
        const string hostile = "\"><script>alert(1)</script>";

        using HttpResponseMessage page = await browser.GetAsync(
            $"/login/oauth/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(Callback)}&state={Uri.EscapeDataString(hostile)}&scope={Uri.EscapeDataString(hostile)}");
        string html = await page.Content.ReadAsStringAsync();
        using HttpResponseMessage again = await SubmitAsync(browser, hostile, "allow", state: hostile);
        string againHtml = await again.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"state\" value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", againHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_UnknownClientOrBadRedirectUri_IsRefused()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 20));
        using HttpClient browser = Browser(server);
        string redirect = Uri.EscapeDataString(Callback);

        using HttpResponseMessage unknownClient = await browser.GetAsync($"/login/oauth/authorize?client_id=other&redirect_uri={redirect}");
        using HttpResponseMessage noRedirect = await browser.GetAsync($"/login/oauth/authorize?client_id={ClientId}");
        using HttpResponseMessage relative = await browser.GetAsync($"/login/oauth/authorize?client_id={ClientId}&redirect_uri=%2Fcallback");
        using HttpResponseMessage ftp = await browser.GetAsync($"/login/oauth/authorize?client_id={ClientId}&redirect_uri=ftp%3A%2F%2Fx%2Fy");

        Assert.Equal(HttpStatusCode.NotFound, unknownClient.StatusCode);
        Assert.Equal("text/html; charset=utf-8", unknownClient.Content.Headers.ContentType?.ToString());
        Assert.Contains("Not Found", await unknownClient.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noRedirect.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, relative.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ftp.StatusCode);
    }

    [Fact]
    public async Task WebFlow_UnderPathPrefix_StaysAtTheRootWhileUserRoutesMoveUnderThePrefix()
    {
        World world = NewWorld(prs: 20);
        world.AddAccount(Login);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world, new SimulatorOptions { PathPrefix = "api/v3" });
        using HttpClient browser = Browser(server);

        using HttpResponseMessage page = await browser.GetAsync($"/login/oauth/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(Callback)}");
        using HttpResponseMessage prefixed = await browser.GetAsync($"/api/v3/login/oauth/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(Callback)}");
        string token = await SignInAsync(server, Login);
        using HttpResponseMessage user = await SendAsync(server, "user", token);
        using JsonDocument userBody = JsonDocument.Parse(await user.Content.ReadAsStringAsync());
        using var atRoot = new HttpRequestMessage(HttpMethod.Get, "/user");
        atRoot.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage rootUser = await browser.SendAsync(atRoot);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, prefixed.StatusCode);
        Assert.Equal(new Uri(server.BaseUri, "user"), user.RequestMessage!.RequestUri);
        Assert.EndsWith("/api/v3/user", user.RequestMessage.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal(Login, userBody.RootElement.GetProperty("login").GetString());
        Assert.Equal(server.BaseUri + "users/" + Login, userBody.RootElement.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.NotFound, rootUser.StatusCode);
    }

    [Fact]
    public async Task WebFlow_WithPkce_RequiresTheMatchingVerifier()
    {
        World world = NewWorld(prs: 20);
        world.AddAccount(Login);
        await using SimulatorServer server = await SimulatorServer.StartAsync(world);
        using HttpClient browser = Browser(server);
        const string verifier = "dBjftJeZ4CVP-mJ92K9p1Dn4zJCCvXJWpcH6jxu0wUc0000";
        string challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var pkce = new Dictionary<string, string> { ["code_challenge"] = challenge, ["code_challenge_method"] = "S256" };

        using HttpResponseMessage page = await browser.GetAsync(
            $"/login/oauth/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(Callback)}&code_challenge={challenge}&code_challenge_method=S256");
        using HttpResponseMessage first = await SubmitAsync(browser, Login, "allow", extra: pkce);
        using HttpResponseMessage second = await SubmitAsync(browser, Login, "allow", extra: pkce);
        using JsonDocument wrong = await ExchangeAsync(browser, QueryOf(first)["code"]!, verifier: verifier + "x");
        using JsonDocument right = await ExchangeAsync(browser, QueryOf(second)["code"]!, verifier: verifier);

        Assert.Contains($"<input type=\"hidden\" name=\"code_challenge\" value=\"{challenge}\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertBadVerificationCode(wrong);
        Assert.StartsWith("gho_", right.RootElement.GetProperty("access_token").GetString(), StringComparison.Ordinal);
    }

    private static void AssertBadVerificationCode(JsonDocument body) =>
        Assert.Equal(
            """{"error":"bad_verification_code","error_description":"The code passed is incorrect or expired.","error_uri":"https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code"}""",
            body.RootElement.GetRawText());

    /// <summary>A client at the server's root (where the web flow is) that does not follow redirects.</summary>
    private static HttpClient Browser(SimulatorServer server) =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(server.BaseUri.GetLeftPart(UriPartial.Authority) + "/"),
        };

    /// <summary>Posts the authorize form as a browser would.</summary>
    private static Task<HttpResponseMessage> SubmitAsync(
        HttpClient browser, string login, string decision, string state = "st", string scope = "read:user", string redirectUri = Callback,
        Dictionary<string, string>? extra = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["client_id"] = ClientId, ["redirect_uri"] = redirectUri, ["state"] = state, ["scope"] = scope, ["login"] = login, ["decision"] = decision,
        };
        foreach (KeyValuePair<string, string> pair in extra ?? [])
        {
            fields[pair.Key] = pair.Value;
        }

        return browser.PostAsync("/login/oauth/authorize", new FormUrlEncodedContent(fields));
    }

    /// <summary>The query of a redirect's Location.</summary>
    private static NameValueCollection QueryOf(HttpResponseMessage redirect) =>
        HttpUtility.ParseQueryString(redirect.Headers.Location!.Query);

    /// <summary>Exchanges a code as ASP.NET Core's OAuth handler does (form fields, Accept: application/json).</summary>
    private static async Task<JsonDocument> ExchangeAsync(HttpClient browser, string code, string redirectUri = Callback, string? verifier = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["client_id"] = ClientId, ["redirect_uri"] = redirectUri, ["client_secret"] = Secret, ["code"] = code, ["grant_type"] = "authorization_code",
        };
        if (verifier is not null)
        {
            fields["code_verifier"] = verifier;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/login/oauth/access_token") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("application/json");
        using HttpResponseMessage response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs the whole web flow for <paramref name="login"/> and returns the user token.</summary>
    private static async Task<string> SignInAsync(SimulatorServer server, string login)
    {
        using HttpClient browser = Browser(server);
        using HttpResponseMessage allowed = await SubmitAsync(browser, login, "allow");
        using JsonDocument token = await ExchangeAsync(browser, QueryOf(allowed)["code"]!);
        return token.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>GETs an API path (relative to the prefix) with <c>Authorization: Bearer token</c>.</summary>
    private static async Task<HttpResponseMessage> SendAsync(SimulatorServer server, string path, string token)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.UserAgent.ParseAdd("SimulatorOAuthTests/1.0");
        HttpResponseMessage response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
