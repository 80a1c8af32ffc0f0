using System.Net;
using GitHubSimulator;
using Microsoft.AspNetCore.WebUtilities;

namespace Health.Web.Tests.Access;

/// <summary>
/// A browser's part of "Sign in with GitHub", over HTTP: the app sends it to the simulator's authorize page, it authorizes
/// as a login there, and brings the code back to the app, which exchanges it and sets its cookie. The client keeps cookies
/// and does not follow redirects, so each step can be asserted.
/// </summary>
public static class GitHubSignInClient
{
    /// <summary>A client of the app with its own cookies, not signed in.</summary>
    public static HttpClient Anonymous(Uri app) =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = app };

    /// <summary>Signs <paramref name="client"/> in as <paramref name="login"/>; returns where the app sent it at the end (the page, or the refusal).</summary>
    public static async Task<Uri> SignInAsync(HttpClient client, SimulatorServer simulator, string login, string returnUrl = "/")
    {
        using var start = await client.GetAsync(new Uri($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(simulator.BaseUri.GetLeftPart(UriPartial.Authority) + "/login/oauth/authorize?", authorize.ToString(), StringComparison.Ordinal);

        var query = QueryHelpers.ParseQuery(authorize.Query);
        using var github = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = query["client_id"].ToString(),
            ["redirect_uri"] = query["redirect_uri"].ToString(),
            ["state"] = query["state"].ToString(),
            ["scope"] = query["scope"].ToString(),
            ["login"] = login,
            ["decision"] = "allow",
        });
        using var authorized = await github.PostAsync(new Uri(authorize.GetLeftPart(UriPartial.Path)), form);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        var callback = authorized.Headers.Location!;
        Assert.StartsWith(client.BaseAddress!.ToString().TrimEnd('/') + "/signin-github?", callback.ToString(), StringComparison.Ordinal);

        using var back = await client.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return new Uri(client.BaseAddress!, back.Headers.Location!);
    }
}
