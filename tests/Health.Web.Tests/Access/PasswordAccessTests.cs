using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Health.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Health.Web.Tests.Access;

/// <summary><c>Access:Mode=Password</c>: a lockout with backoff per client, HTTPS outside loopback, and <c>/health</c>'s details for operators only.</summary>
public sealed class PasswordAccessTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task WrongPasswords_LockTheClientOutWithBackoff_LoggedWithoutThePassword()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
        var logs = new CapturedLogs();
        await using var app = await AppHarness.StartAsync(
            settings: PasswordMode(new() { ["Access:PasswordAttempts"] = "2", ["Access:PasswordLockout"] = "00:00:30" }),
            configure: b =>
            {
                logs.AddTo(b);
                b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
            });
        using var client = app.CreateClient();

        using var first = await GetJobsAsync(client, "wrong-one");
        using var second = await GetJobsAsync(client, "wrong-two");
        using var rightWhileLocked = await GetJobsAsync(client, Password);
        clock.Advance(TimeSpan.FromSeconds(31));
        using var third = await GetJobsAsync(client, "wrong-three");
        clock.Advance(TimeSpan.FromSeconds(31));
        using var stillLocked = await GetJobsAsync(client, Password);
        clock.Advance(TimeSpan.FromSeconds(30));
        using var right = await GetJobsAsync(client, Password);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("30", second.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.TooManyRequests, rightWhileLocked.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("60", third.Headers.RetryAfter?.ToString()); // the wait doubled
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var warnings = logs.Entries.Where(l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("Wrong operator password from 127.0.0.1", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 3, string.Join("\n", warnings));
        Assert.All(logs.Entries, l => Assert.DoesNotContain("wrong-", l, StringComparison.Ordinal));
        Assert.All(logs.Entries, l => Assert.DoesNotContain(Password, l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemoteClient_PlainHttp_PasswordRefused_UnlessBehindTlsProxyOrAllowed()
    {
        using var remote = RemoteClient.Create();
        async Task<(HttpStatusCode Status, string Body)> TryAsync(Dictionary<string, string?> extra, bool viaTlsProxy)
        {
            await using var app = await AppHarness.StartAsync(settings: PasswordMode(new(extra) { ["AllowedHosts"] = "*" }), listen: remote.ServerAddress);
            using var client = remote.CreateClient(app.BaseUri);
            using var request = WithPassword("/jobs", Password);
            if (viaTlsProxy)
            {
                request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
            }

            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var plain = await TryAsync([], viaTlsProxy: false);
        var proxied = await TryAsync(new() { ["FORWARDEDHEADERS_ENABLED"] = "true" }, viaTlsProxy: true);
        var allowed = await TryAsync(new() { ["Access:AllowInsecureHttp"] = "true" }, viaTlsProxy: false);

        Assert.Equal(HttpStatusCode.Forbidden, plain.Status);
        Assert.Contains("only accepted over HTTPS", plain.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, proxied.Status);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
    }

    [Fact]
    public async Task ParallelGuesses_AreAllCountedBeforeAnyIsChecked()
    {
        var logs = new CapturedLogs();
        await using var app = await AppHarness.StartAsync(settings: PasswordMode(new() { ["Access:PasswordAttempts"] = "3" }), configure: logs.AddTo);
        using var client = app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => GetJobsAsync(client, $"guess-{i}")));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(3, logs.Entries.Count(l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("Wrong operator password from", StringComparison.Ordinal)));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task LoopbackSocket_RelayedByAProxyOverPlainHttp_PasswordRefused()
    {
        await using var app = await AppHarness.StartAsync(settings: PasswordMode([]));
        using var client = app.CreateClient();
        using var request = WithPassword("/jobs", Password);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("only accepted over HTTPS", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_AnonymousGetsTheStatusOnly_OperatorGetsTheChecks()
    {
        await using var app = await AppHarness.StartAsync(settings: PasswordMode([]));
        using var client = app.CreateClient();

        using var anonymous = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var operatorRequest = WithPassword("/health", Password);
        using var asOperator = await client.SendAsync(operatorRequest);

        using var brief = JsonDocument.Parse(await anonymous.Content.ReadAsStringAsync());
        Assert.Equal(["status"], brief.RootElement.EnumerateObject().Select(p => p.Name));
        using var full = JsonDocument.Parse(await asOperator.Content.ReadAsStringAsync());
        Assert.Equal(["database", "github", "jobs"], full.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
    }

    private static Dictionary<string, string?> PasswordMode(Dictionary<string, string?> extra) =>
        new(extra) { ["Access:Mode"] = "Password", ["Access:Password"] = Password };

    private static async Task<HttpResponseMessage> GetJobsAsync(HttpClient client, string password)
    {
        using var request = WithPassword("/jobs", password);
        return await client.SendAsync(request);
    }

    private static HttpRequestMessage WithPassword(string path, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"maintainer:{password}")));
        return request;
    }
}
