using System.Net;
using System.Text;

namespace GitHubSimulator;

/// <summary>
/// The HTML of the web flow: the "Authorize application" form (a login and Authorize/Cancel, no password) and its
/// error pages. Every value shown is HTML-encoded: it comes from the query string.
/// </summary>
internal static class AuthorizePage
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>The form, with the login typed so far and, after a refused login, GitHub's "Incorrect username or password." flash.</summary>
    public static ApiResponse Form(AuthorizeRequest ask, string? login = null, bool incorrect = false)
    {
        var html = new StringBuilder(2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n<title>Authorize application</title>\n</head>\n<body>\n<main>\n")
            .Append("<h1>Authorize application</h1>\n")
            .Append("<p>The application <strong>").Append(Encode(ask.ClientId)).Append("</strong> would like access to your account")
            .Append(ask.Scope.Length > 0 ? " (scopes: <code>" + Encode(ask.Scope) + "</code>)" : "").Append(".</p>\n");
        if (incorrect)
        {
            html.Append("<p class=\"flash-error\" role=\"alert\">Incorrect username or password.</p>\n");
        }

        html.Append("<form method=\"post\" action=\"/login/oauth/authorize\">\n");
        Hidden(html, "client_id", ask.ClientId);
        Hidden(html, "redirect_uri", ask.RedirectUri);
        Hidden(html, "state", ask.State);
        Hidden(html, "scope", ask.Scope);
        if (ask.CodeChallenge is not null)
        {
            Hidden(html, "code_challenge", ask.CodeChallenge);
        }

        if (ask.CodeChallengeMethod is not null)
        {
            Hidden(html, "code_challenge_method", ask.CodeChallengeMethod);
        }

        html.Append("<label for=\"login\">Username or email address</label>\n")
            .Append("<input type=\"text\" name=\"login\" id=\"login\" value=\"").Append(Encode(login ?? "")).Append("\" autocomplete=\"username\" autofocus>\n")
            .Append("<button type=\"submit\" name=\"decision\" value=\"allow\">Authorize</button>\n")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button>\n")
            .Append("</form>\n<p>Authorizing will redirect to <code>").Append(Encode(ask.RedirectUri)).Append("</code></p>\n")
            .Append("</main>\n</body>\n</html>\n");
        return Html(200, html.ToString());
    }

    /// <summary>404 "Not Found", as for an unknown client id.</summary>
    public static ApiResponse NotFound() =>
        Html(404, Page("Not Found", "Not Found", "No OAuth application has this client_id."));

    /// <summary>400 for a missing or unusable redirect_uri.</summary>
    public static ApiResponse BadRedirect() =>
        Html(400, Page("Bad Request", "The redirect_uri is not valid.", "It must be an absolute http or https URL."));

    /// <summary>400 for a body that is not a readable form.</summary>
    public static ApiResponse BadForm() =>
        Html(400, Page("Bad Request", "Bad Request", "The request body is not a valid form."));

    private static void Hidden(StringBuilder html, string name, string value) =>
        html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(Encode(value)).Append("\">\n");

    private static string Page(string title, string heading, string text) =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n<title>{title}</title>\n</head>\n<body>\n<h1>{heading}</h1>\n<p>{text}</p>\n</body>\n</html>\n";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static ApiResponse Html(int status, string html) =>
        ApiResponse.FromBytes(status, Encoding.UTF8.GetBytes(html), ContentType);
}
