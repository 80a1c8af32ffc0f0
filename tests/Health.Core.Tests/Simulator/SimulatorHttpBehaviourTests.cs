using System.Net;
using System.Text.Json;
using GitHubSimulator;
using Microsoft.Extensions.Time.Testing;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

public sealed class SimulatorHttpBehaviourTests
{
    [Fact]
    public async Task Get_IfNoneMatchWithCurrentETag_Returns304WithoutUsingRateLimit()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 40));
        using HttpClient client = server.CreateClient();
        const string url = "repos/acme/widgets/pulls?state=all";

        using HttpResponseMessage first = await client.GetAsync(url);
        string etag = Header(first, "ETag");
        int remaining = int.Parse(Header(first, "X-RateLimit-Remaining"));
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using HttpResponseMessage second = await client.SendAsync(conditional);
        using HttpResponseMessage third = await client.GetAsync(url);

        Assert.Matches("^W/\"[0-9a-f]{64}\"$", etag);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, Header(second, "ETag"));
        Assert.Equal(remaining, int.Parse(Header(second, "X-RateLimit-Remaining")));
        Assert.Equal(remaining - 1, int.Parse(Header(third, "X-RateLimit-Remaining")));
        Assert.Equal(1, server.Log.NotModified);
    }

    [Fact]
    public async Task FaultRule_WithSkipFirstAndMaxCount_FiresExactlyMaxCountTimes()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 20));
        server.Options.Faults.Add(new FaultRule(FaultKind.ServiceUnavailable503, PathContains: "/pulls", MaxCount: 3, SkipFirst: 2));
        using HttpClient client = server.CreateClient();

        var statuses = new List<int>();
        for (int i = 0; i < 8; i++)
        {
            using HttpResponseMessage response = await client.GetAsync("repos/acme/widgets/pulls");
            statuses.Add((int)response.StatusCode);
        }

        using HttpResponseMessage other = await client.GetAsync("repos/acme/widgets/issues");

        Assert.Equal([200, 200, 503, 503, 503, 200, 200, 200], statuses);
        Assert.Equal(200, (int)other.StatusCode);
        Assert.Equal(3, server.Log.Count(r => r.Status == 503));
        Assert.Equal(9, server.Log.Total);
    }

    [Fact]
    public async Task Get_SecondaryRateLimitFault_Returns403WithRetryAfter()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 20));
        server.Options.Faults.Add(new FaultRule(FaultKind.SecondaryRateLimit403, MaxCount: 1) { RetryAfterSeconds = 7 });
        using HttpClient client = server.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("repos/acme/widgets/pulls");
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("7", Header(response, "Retry-After"));
        Assert.StartsWith("You have exceeded a secondary rate limit", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TokenRequiredButMissingOrWrong_Returns401BadCredentials()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 20), new SimulatorOptions { Token = "s3cret" });
        using var anonymous = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server.BaseUri };
        using HttpClient authorized = server.CreateClient();

        using HttpResponseMessage missing = await anonymous.GetAsync("repos/acme/widgets");
        using var wrongRequest = new HttpRequestMessage(HttpMethod.Get, "repos/acme/widgets");
        wrongRequest.Headers.TryAddWithoutValidation("Authorization", "Bearer nope");
        using HttpResponseMessage wrong = await anonymous.SendAsync(wrongRequest);
        using HttpResponseMessage ok = await authorized.GetAsync("repos/acme/widgets");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(
            """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}""",
            await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Get_RateLimitForcedToZero_Returns403UntilTheWindowResets()
    {
        // The window is measured on the world's clock, which the test moves past the reset instead of waiting for it.
        var clock = new FakeTimeProvider(new DateTimeOffset(End));
        var options = new SimulatorOptions { RateLimit = 50, RateLimitWindow = TimeSpan.FromMinutes(10) };
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 20, clock: clock), options);
        using HttpClient client = server.CreateClient();
        using HttpResponseMessage before = await client.GetAsync("repos/acme/widgets");

        options.RateLimitRemaining = 0;
        using HttpResponseMessage limited = await client.GetAsync("repos/acme/widgets/pulls");
        long reset = long.Parse(Header(limited, "X-RateLimit-Reset"));
        using HttpResponseMessage stillLimited = await client.GetAsync("repos/acme/widgets/pulls");
        clock.Advance(TimeSpan.FromSeconds(reset - clock.GetUtcNow().ToUnixTimeSeconds() + 1));
        using HttpResponseMessage after = await client.GetAsync("repos/acme/widgets/pulls");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.Contains("API rate limit exceeded", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, stillLimited.StatusCode); // until the reset, not merely for one request
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("49", Header(after, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Get_UnknownRepositoryUnderPathPrefix_Returns404WithGitHubBody()
    {
        await using SimulatorServer server = await SimulatorServer.StartAsync(NewWorld(prs: 20), new SimulatorOptions { PathPrefix = "api/v3" });
        using HttpClient client = server.CreateClient();

        using HttpResponseMessage missing = await client.GetAsync("repos/acme/nope");
        using HttpResponseMessage found = await client.GetAsync("repos/ACME/Widgets");

        Assert.EndsWith("/api/v3/", server.BaseUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(
            """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/repos/repos#get-a-repository","status":"404"}""",
            await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("application/json; charset=utf-8", found.Content.Headers.ContentType?.ToString());
    }
}
