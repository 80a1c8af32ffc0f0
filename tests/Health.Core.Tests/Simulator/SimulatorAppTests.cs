using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using GitHubSimulator;
using Health.Core.GitHub.Identities;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

/// <summary>The simulator's GitHub App: its JSON web token checked as GitHub does, installation tokens minted and expiring on the world's clock.</summary>
public sealed class SimulatorAppTests : IAsyncLifetime
{
    private const long AppId = 4242;
    private const long InstallationId = 77;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(End));
    private readonly RSA _key = RSA.Create(2048);
    private SimulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        var options = new SimulatorOptions { Token = "test-token-a" };
        options.Apps.Add(new SimulatorApp { Id = AppId, PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem(), Installations = { ["acme"] = InstallationId } });
        _server = await SimulatorServer.StartAsync(WorldGenerator.Generate(new WorldOptions { Prs = 10, End = End }, _clock), options);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task AppJwt_OfTheApp_ListsItsInstallationsAndMintsATokenAcceptedForAnHour()
    {
        var jwt = new AppJwt(AppId, _key, _clock).Create();

        using var listed = await SendAsync(HttpMethod.Get, "app/installations", jwt);
        using var found = await SendAsync(HttpMethod.Get, "repos/acme/widgets/installation", jwt);
        using var minted = await SendAsync(HttpMethod.Post, $"app/installations/{InstallationId}/access_tokens", jwt);
        using var token = JsonDocument.Parse(await minted.Content.ReadAsStringAsync());
        var installationToken = token.RootElement.GetProperty("token").GetString()!;
        using var read = await SendAsync(HttpMethod.Get, "repos/acme/widgets", installationToken);
        _clock.Advance(TimeSpan.FromMinutes(59));
        using var stillRead = await SendAsync(HttpMethod.Get, "repos/acme/widgets", installationToken);
        _clock.Advance(TimeSpan.FromMinutes(1));
        using var expired = await SendAsync(HttpMethod.Get, "repos/acme/widgets", installationToken);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using var installations = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        var installation = Assert.Single(installations.RootElement.EnumerateArray());
        Assert.Equal(InstallationId, installation.GetProperty("id").GetInt64());
        Assert.Equal("acme", installation.GetProperty("account").GetProperty("login").GetString());
        Assert.Equal(AppId, installation.GetProperty("app_id").GetInt64());
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(HttpStatusCode.Created, minted.StatusCode);
        Assert.Equal(End.AddHours(1), Time(token.RootElement, "expires_at"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillRead.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Bad credentials", await MessageAsync(expired));
        Assert.Equal(1, _server.InstallationTokensIssued);
    }

    [Fact]
    public async Task InstallationToken_HasItsOwnBudget_ApartFromTheTokens()
    {
        _server.Options.InstallationRateLimit = 15_000;
        var jwt = new AppJwt(AppId, _key, _clock).Create();
        using var minted = await SendAsync(HttpMethod.Post, $"app/installations/{InstallationId}/access_tokens", jwt);
        using var token = JsonDocument.Parse(await minted.Content.ReadAsStringAsync());

        using var asToken = await SendAsync(HttpMethod.Get, "repos/acme/widgets", "test-token-a");
        using var asInstallation = await SendAsync(HttpMethod.Get, "repos/acme/widgets", token.RootElement.GetProperty("token").GetString()!);

        Assert.Equal("4999", Header(asToken, "X-RateLimit-Remaining"));
        Assert.Equal("15000", Header(asInstallation, "X-RateLimit-Limit"));
        Assert.Equal("14999", Header(asInstallation, "X-RateLimit-Remaining"));
        Assert.Equal(["token:test-token-a", $"installation:{InstallationId}"], _server.Log.Snapshot().Where(r => r.PathAndQuery == "/repos/acme/widgets").Select(r => r.Caller));
    }

    [Fact]
    public async Task AppJwt_SignedWithAnotherKey_IsRefused()
    {
        using var other = RSA.Create(2048);

        using var answer = await SendAsync(HttpMethod.Get, "app/installations", new AppJwt(AppId, other, _clock).Create());

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("A JSON web token could not be decoded", await MessageAsync(answer));
    }

    [Fact]
    public async Task AppJwt_Expired_IsRefused()
    {
        var jwt = new AppJwt(AppId, _key, _clock).Create();
        _clock.Advance(TimeSpan.FromMinutes(9));

        using var answer = await SendAsync(HttpMethod.Post, $"app/installations/{InstallationId}/access_tokens", jwt);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.StartsWith("'Expiration time' claim ('exp') must be a numeric value representing the future time", await MessageAsync(answer), StringComparison.Ordinal);
        Assert.Equal(0, _server.InstallationTokensIssued);
    }

    [Theory]
    [InlineData(0, 11, "'Expiration time' claim ('exp') is too far in the future")]
    [InlineData(-5, 6, "'Expiration time' claim ('exp') is too far in the future")]
    [InlineData(2, 8, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued")]
    public async Task AppJwt_OutsideGitHubsWindow_IsRefused(int issuedMinutes, int expiresMinutes, string message)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var jwt = Sign(_key, AppId, now.AddMinutes(issuedMinutes), now.AddMinutes(expiresMinutes));

        using var answer = await SendAsync(HttpMethod.Get, "app/installations", jwt);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal(message, await MessageAsync(answer));
    }

    [Fact]
    public async Task AppJwt_OfAnUnknownApp_OrAToken_IsRefused()
    {
        using var unknown = await SendAsync(HttpMethod.Get, "app/installations", new AppJwt(AppId + 1, _key, _clock).Create());
        using var token = await SendAsync(HttpMethod.Get, "app/installations", "test-token-a");
        using var none = await SendAsync(HttpMethod.Get, "orgs/acme/installation", null);

        Assert.All([unknown, token, none], a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal("A JSON web token could not be decoded", await MessageAsync(token));
    }

    [Fact]
    public async Task Installation_OfAnAccountWithout_IsNotFound()
    {
        var jwt = new AppJwt(AppId, _key, _clock).Create();

        using var org = await SendAsync(HttpMethod.Get, "orgs/elsewhere/installation", jwt);
        using var mint = await SendAsync(HttpMethod.Post, "app/installations/999/access_tokens", jwt);

        Assert.Equal(HttpStatusCode.NotFound, org.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mint.StatusCode);
    }

    private static string Sign(RSA key, long appId, DateTime issuedAt, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            IssuedAt = issuedAt,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["iss"] = appId },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256),
        });

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer)
    {
        using var client = new HttpClient { BaseAddress = _server.BaseUri };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.UserAgent.ParseAdd("Health-Tests/1.0");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }

    private static async Task<string?> MessageAsync(HttpResponseMessage answer)
    {
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("message").GetString();
    }
}
