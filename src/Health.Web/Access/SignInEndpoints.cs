using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Health.Web.Access;

/// <summary><c>GET /signin</c> (to GitHub and back to where one was) and <c>POST /signout</c>, in <c>Access:Mode=GitHub</c>.</summary>
internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<AccessOptions>>().Value.Mode != AccessMode.GitHub)
        {
            return app;
        }

        app.MapGet("/signin", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalPath(returnUrl) }, [GitHubSignIn.Scheme]));
        app.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest("The sign-out form has expired; reload the page and try again.");
            }

            await http.SignOutAsync(GitHubSignIn.CookieScheme);

            // A page of this site: a form's redirect to GitHub (where "/" sends a visitor when reading needs a sign-in) is
            // refused by the content security policy's form-action.
            return Results.Redirect("/access/signed-out");
        }).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// A path of this site to return to (never another site's address: no open redirect, so no <c>//host</c>, no backslash
    /// and no control character, which browsers drop before reading <c>/\t/host</c> as <c>//host</c>); the overview otherwise.
    /// </summary>
    internal static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2048 } url && url[0] == '/' && (url.Length == 1 || url[1] != '/')
        && !url.Any(c => c < ' ' || c == '\\' || c == '\u007f') && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/";
}
