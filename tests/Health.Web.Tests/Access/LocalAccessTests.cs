using System.Net;
using System.Net.Sockets;
using Health.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Health.Web.Tests.Access;

/// <summary>
/// <c>Access:Mode=Local</c> judged by the socket Kestrel accepted: a client on another host (a network namespace) is refused
/// the management pages whatever it claims (forwarding headers, a loopback Host) and whatever forwarded-header processing the
/// deployment turned on; so is a Unix socket; a local client is refused when relayed or when it names a foreign host.
/// </summary>
public sealed class LocalAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] ManagementPaths = ["/repositories", "/jobs", "/reports"];

    [Theory]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("Forwarded", "for=127.0.0.1;proto=http;host=localhost")]
    [InlineData("X-Real-IP", "127.0.0.1")]
    [InlineData(null, null)]
    public async Task RemoteClient_ForwardedHeadersEnabled_ClaimingLoopback_IsRefusedManagement(string? header, string? value)
    {
        using var remote = RemoteClient.Create();
        await using var app = await AppHarness.StartAsync(
            settings: new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = "true", ["AllowedHosts"] = "*" },
            listen: remote.ServerAddress);
        using var client = remote.CreateClient(app.BaseUri);

        foreach (var path in ManagementPaths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Host = "localhost";
            if (header is not null)
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }

            using var response = await client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} with {header ?? "no header"}: {(int)response.StatusCode}");
            Assert.Contains("Access:Mode is Local", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The dashboard itself is open to the same client: it is the management that is refused, not the client.
        using var overview = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }

    [Fact]
    public async Task UnixSocket_NoPeerAddress_IsRefusedManagement()
    {
        var path = Path.Combine(Path.GetTempPath(), $"health-{Guid.NewGuid():N}.sock");
        await using var app = await AppHarness.StartAsync(configure: b => b.ConfigureKestrel(k => k.ListenUnixSocket(path)));
        using var client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri("http://localhost/") };

        using var repositories = await client.GetAsync(new Uri("/repositories", UriKind.Relative));
        using var overview = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, repositories.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        File.Delete(path);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("X-Forwarded-Host", "localhost")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    public async Task LoopbackClient_RelayedByAProxy_IsRefusedManagement(string header, string value)
    {
        var app = fixture.App;
        using var client = app.CreateClient();

        foreach (var path in ManagementPaths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.TryAddWithoutValidation(header, value);

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task LoopbackClient_Http10_AsAnUnconfiguredLocalProxySendsIt_IsRefusedManagement()
    {
        var app = fixture.App;
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/repositories", UriKind.Relative)) { Version = HttpVersion.Version10, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.Host = "127.0.0.1";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task LoopbackClient_ForeignHost_RefusedByDefault_AndNeverAnOperator()
    {
        {
            using var client = fixture.App.CreateClient();
            foreach (var path in (string[])["/", "/repositories"])
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                request.Headers.Host = "evil.example";
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode); // DNS rebinding: the host is not one Health answers to
            }

            using var local = await client.GetAsync(new Uri("/repositories", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        }

        // A deployment that answers to any host still manages only from a loopback name.
        await using (var open = await AppHarness.StartAsync(settings: new Dictionary<string, string?> { ["AllowedHosts"] = "*" }))
        {
            using var client = open.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/repositories", UriKind.Relative));
            request.Headers.Host = "evil.example";
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task PublicUrl_ItsHostIsServed_OthersAreNot()
    {
        await using var app = await AppHarness.StartAsync(settings: new Dictionary<string, string?> { ["Access:PublicUrl"] = "https://health.example.org/" });
        using var client = app.CreateClient();

        async Task<HttpStatusCode> GetAsync(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsync("health.example.org"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("localhost"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsync("other.example.org"));
    }
}
