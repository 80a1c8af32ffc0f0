using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Health.Web.Tests.Infrastructure;

namespace Health.Web.Tests.Access;

/// <summary>
/// A page of another site cannot drive the app through a visitor's browser: the Blazor hub and state-changing requests refuse
/// a foreign <c>Origin</c>; every answer carries a content security policy without inline script, and forbids framing.
/// </summary>
public sealed partial class CrossSiteTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task BlazorHub_ForeignOrigin_IsRefused_OwnOriginConnects()
    {
        var app = fixture.App;
        using var client = app.CreateClient();
        var own = app.BaseUri.GetLeftPart(UriPartial.Authority);

        using var foreignNegotiate = await NegotiateAsync(client, "https://evil.example");
        using var ownNegotiate = await NegotiateAsync(client, own);

        Assert.Equal(HttpStatusCode.Forbidden, foreignNegotiate.StatusCode);
        Assert.Contains("Cross-site request refused", await foreignNegotiate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ownNegotiate.StatusCode);
        using var json = JsonDocument.Parse(await ownNegotiate.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("connectionToken").GetString();

        // The websocket of a circuit: a page on evil.example opening it is refused; the app's own page connects.
        var hub = new UriBuilder(app.BaseUri) { Scheme = "ws", Path = "/_blazor", Query = $"id={token}" }.Uri;
        using var foreign = new ClientWebSocket();
        foreign.Options.SetRequestHeader("Origin", "https://evil.example");
        foreign.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(hub, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var ours = new ClientWebSocket();
        ours.Options.SetRequestHeader("Origin", own);
        await ours.ConnectAsync(hub, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, ours.State);
    }

    [Fact]
    public async Task StateChangingRequest_ForeignOrigin_IsRefused()
    {
        var app = fixture.App;
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/repositories", UriKind.Relative)) { Content = new StringContent("owner=evil") };
        request.Headers.TryAddWithoutValidation("Origin", "http://127.0.0.1.evil.example");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheSecurityHeaders_PagesHaveNoInlineScript()
    {
        var app = fixture.App;
        using var client = app.CreateClient();

        foreach (var path in (string[])["/", "/repositories", "/compare", "/health", "/export/metrics.csv?repo=acme/widgets&period=month"])
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToDictionary(d => d.Split(' ')[0], d => d);
            Assert.Equal("script-src 'self'", directives["script-src"]);
            Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
            Assert.Equal("object-src 'none'", directives["object-src"]);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                Assert.DoesNotMatch(InlineScript(), await response.Content.ReadAsStringAsync());
            }
        }
    }

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative)) { Content = new StringContent(string.Empty) };
        request.Headers.TryAddWithoutValidation("Origin", origin);
        return await client.SendAsync(request);
    }

    /// <summary>A script element without a src: what the policy would block.</summary>
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
