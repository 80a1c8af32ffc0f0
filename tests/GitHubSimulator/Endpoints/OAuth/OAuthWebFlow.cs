using System.Net;

namespace GitHubSimulator;

/// <summary>
/// GitHub's OAuth web flow, at the server root whatever the API prefix (as on GitHub Enterprise):
/// <c>GET /login/oauth/authorize</c> shows the form, <c>POST /login/oauth/authorize</c> redirects back with a code
/// (or <c>error=access_denied</c>), <c>POST /login/oauth/access_token</c> exchanges the code for a user token.
/// </summary>
internal sealed class OAuthWebFlow(World world, SimulatorOptions options, OAuthGrants grants)
{
    public const string AuthorizePath = "/login/oauth/authorize";
    public const string AccessTokenPath = "/login/oauth/access_token";

    private const string Denied = "error=access_denied&error_description=The+user+has+denied+your+application+access.";

    /// <summary>Whether the path is one of the web flow's.</summary>
    public static bool Handles(string path) =>
        string.Equals(path, AuthorizePath, StringComparison.OrdinalIgnoreCase)
        || string.Equals(path, AccessTokenPath, StringComparison.OrdinalIgnoreCase);

    public async Task<ApiResponse> AnswerAsync(HttpRequest request, CancellationToken cancel)
    {
        bool post = HttpMethods.IsPost(request.Method);
        bool authorize = string.Equals(request.Path.Value, AuthorizePath, StringComparison.OrdinalIgnoreCase);
        if (!post && !(authorize && HttpMethods.IsGet(request.Method)))
        {
            return AuthorizePage.NotFound();
        }

        OAuthFields? fields = await OAuthFields.ReadAsync(request, cancel);
        if (fields is null)
        {
            return AuthorizePage.BadForm();
        }

        if (!authorize)
        {
            return new AccessTokenExchange(options, grants).Answer(fields, request.Headers.Authorization);
        }

        AuthorizeRequest ask = fields.Authorize();
        if (!string.Equals(ask.ClientId, options.OAuthClientId, StringComparison.Ordinal))
        {
            return AuthorizePage.NotFound();
        }

        if (!ValidRedirect(ask.RedirectUri))
        {
            return AuthorizePage.BadRedirect();
        }

        return post ? Decide(ask, fields) : AuthorizePage.Form(ask);
    }

    /// <summary>The form's answer: Cancel redirects with access_denied, a known user with a code, anyone else sees the form again.</summary>
    private ApiResponse Decide(AuthorizeRequest ask, OAuthFields fields)
    {
        if (string.Equals(fields["decision"], "deny", StringComparison.Ordinal))
        {
            return Redirect(ask, Denied);
        }

        string login = (fields["login"] ?? "").Trim();
        SimAccount? user = login.Length == 0 ? null : world.FindAccount(login);
        if (user is null || user.Type != AccountTypes.User)
        {
            return AuthorizePage.Form(ask, login, incorrect: true);
        }

        string code = grants.IssueCode(ask.ClientId, ask.RedirectUri, user, ask.Scope, ask.CodeChallenge, ask.CodeChallengeMethod);
        return Redirect(ask, "code=" + WebUtility.UrlEncode(code));
    }

    /// <summary>302 to the redirect URI with <paramref name="query"/> and the state appended (before any fragment).</summary>
    private static ApiResponse Redirect(AuthorizeRequest ask, string query)
    {
        if (ask.State.Length > 0)
        {
            query += "&state=" + WebUtility.UrlEncode(ask.State);
        }

        string uri = ask.RedirectUri;
        int hash = uri.IndexOf('#', StringComparison.Ordinal);
        string fragment = hash < 0 ? "" : uri[hash..];
        string target = hash < 0 ? uri : uri[..hash];
        string separator = !target.Contains('?', StringComparison.Ordinal) ? "?" : target.EndsWith('?') || target.EndsWith('&') ? "" : "&";
        return new ApiResponse(302, PooledBuffer.From([])) { ContentType = AuthorizePage.ContentType, Location = target + separator + query + fragment };
    }

    private static bool ValidRedirect(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
