using Health.Core.GitHub.Identities;
using Microsoft.Extensions.Logging.Abstractions;

namespace Health.Core.Tests.GitHub.Identities;

/// <summary>Credentials go to GitHub's API host only: a request sent on to another host (after a redirect) carries none.</summary>
public sealed class IdentityHandlerTests
{
    [Theory]
    [InlineData("https://api.github.com/repos/acme/widgets", true)]
    [InlineData("https://API.GITHUB.COM/repos/acme/widgets", true)]
    [InlineData("https://objects.githubusercontent.com/some/file", false)]
    [InlineData("http://api.github.com/repos/acme/widgets", false)]
    [InlineData("https://api.github.com:8443/repos/acme/widgets", false)]
    public async Task Send_OnlyTheApiHostGetsTheToken(string url, bool credentialed)
    {
        var pool = new IdentityPool([TokenIdentity.Listed(0, "test-token-a")], null, TimeProvider.System, NullLogger.Instance);
        using var seen = new Recorder();
        using var handler = new IdentityHandler(pool, RateResource.Core, new Uri("https://api.github.com/")) { InnerHandler = seen };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", "left-by-someone");

        using var response = await client.SendAsync(request);

        Assert.Equal(credentialed, seen.Authorization is not null);
        if (credentialed)
        {
            Assert.Contains("test-token-a", seen.Authorization!.ToString(), StringComparison.Ordinal);
        }
    }

    private sealed class Recorder : HttpMessageHandler
    {
        public System.Net.Http.Headers.AuthenticationHeaderValue? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
