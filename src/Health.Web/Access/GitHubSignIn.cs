using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Health.Core.GitHub;
using Health.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Access;

/// <summary>
/// <c>Access:Mode=GitHub</c>: sign-in through a GitHub OAuth app with ASP.NET Core's own OAuth handler, its endpoints derived
/// from <c>GitHub:ApiUrl</c> (github.com, or an Enterprise host). At sign-in the person's organisations and teams are read with
/// their token to decide operator and reader (<see cref="AccessLists"/>), and so is each tracked private repository, to know
/// which they may see; all of it is kept in the sign-in cookie for <see cref="GitHubSignInOptions.SignInLifetime"/>. The token
/// itself is not kept.
/// </summary>
internal static partial class GitHubSignIn
{
    public const string Scheme = "GitHub";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CallbackPath = "/signin-github";
    public const string DeniedPath = "/access/denied";

    /// <summary>Most private repositories checked at one sign-in; more are shown to operators only.</summary>
    private const int MaxPrivateChecks = 200;

    public static void Add(AuthenticationBuilder authentication)
    {
        authentication.AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "health.signin";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;

            // Secure over HTTPS; plain HTTP gets no sign-in at all except from this machine itself or where
            // Access:AllowInsecureHttp says so (see OnRedirectToAuthorizationEndpoint below).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = false;
            cookie.AccessDeniedPath = DeniedPath;
            cookie.LoginPath = "/signin";
        });
        authentication.AddOAuth(Scheme, _ => { });
        authentication.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<AccessOptions>>((cookie, access) =>
            cookie.ExpireTimeSpan = access.Value.GitHub.SignInLifetime);
        authentication.Services.AddOptions<OAuthOptions>(Scheme).Configure<IOptions<AccessOptions>, IOptions<GitHubOptions>>((oauth, access, github) =>
        {
            var web = WebRoot(github.Value.ApiUrl);
            var api = new Uri(github.Value.ApiUrl.EndsWith('/') ? github.Value.ApiUrl : github.Value.ApiUrl + "/");
            oauth.ClientId = access.Value.GitHub.ClientId ?? string.Empty;
            oauth.ClientSecret = access.Value.GitHub.ClientSecret ?? string.Empty;
            oauth.CallbackPath = CallbackPath;
            oauth.AuthorizationEndpoint = new Uri(web, "login/oauth/authorize").ToString();
            oauth.TokenEndpoint = new Uri(web, "login/oauth/access_token").ToString();
            oauth.UserInformationEndpoint = new Uri(api, "user").ToString();
            oauth.SignInScheme = CookieScheme;
            oauth.SaveTokens = false;
            oauth.UsePkce = true;
            oauth.Scope.Clear();
            oauth.Scope.Add("read:org");
            oauth.Scope.Add("repo");
            oauth.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oauth.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oauth.Events.OnRedirectToAuthorizationEndpoint = async context =>
            {
                if (!LocalConnection.MaySendSecrets(context.HttpContext, access.Value))
                {
                    context.Response.Redirect($"{DeniedPath}?reason=https");
                    return;
                }

                context.Response.Redirect(await WithoutRepoScopeUnlessNeededAsync(context.HttpContext, context.RedirectUri));
            };
            oauth.Events.OnCreatingTicket = CreatingTicketAsync;
            oauth.Events.OnRemoteFailure = context =>
            {
                if (context.Failure is SignInRefusedException refused)
                {
                    context.Response.Redirect($"{DeniedPath}?login={Uri.EscapeDataString(refused.Login)}");
                }
                else
                {
                    LogRemoteFailure(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GitHubSignIn)), context.Failure?.Message ?? "unknown");
                    context.Response.Redirect($"{DeniedPath}?reason=failed");
                }

                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>
    /// The <c>repo</c> scope (which lets read private repositories, and more) is asked only while a private repository is
    /// tracked: without one, <c>read:org</c> is all a sign-in needs.
    /// </summary>
    private static async Task<string> WithoutRepoScopeUnlessNeededAsync(HttpContext http, string authorizeUri)
    {
        await using var db = await http.RequestServices.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync(http.RequestAborted);
        return await db.Repositories.AnyAsync(r => r.IsPrivate, http.RequestAborted)
            ? authorizeUri
            : authorizeUri.Replace("scope=read%3Aorg%20repo", "scope=read%3Aorg", StringComparison.Ordinal);
    }

    /// <summary>The web root GitHub's OAuth pages live under: <c>https://github.com/</c> for github.com, the host's root for Enterprise (<c>/api/v3/</c> dropped).</summary>
    public static Uri WebRoot(string apiUrl)
    {
        var api = new Uri(apiUrl.EndsWith('/') ? apiUrl : apiUrl + "/", UriKind.Absolute);
        if (string.Equals(api.Host, "api.github.com", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri("https://github.com/");
        }

        var path = api.AbsolutePath;
        return path.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase) ? new Uri(api, path[..^"api/v3/".Length]) : api;
    }

    /// <summary>Who signed in, what they may do, and which private repositories they may see; a login on neither list is refused.</summary>
    private static async Task CreatingTicketAsync(OAuthCreatingTicketContext context)
    {
        var services = context.HttpContext.RequestServices;
        var access = services.GetRequiredService<IOptions<AccessOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GitHubSignIn));
        var ct = context.HttpContext.RequestAborted;
        using var user = await GetJsonAsync(context, context.Options.UserInformationEndpoint, ct);
        var login = user.RootElement.GetProperty("login").GetString() ?? throw new InvalidOperationException("GitHub's /user has no login.");
        var id = user.RootElement.GetProperty("id").GetInt64();

        var orgs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var teams = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AccessLists.NeedsMemberships(access.Operators.Concat(access.EffectiveReaders)))
        {
            var api = new Uri(context.Options.UserInformationEndpoint + "/");
            using (var list = await GetJsonAsync(context, new Uri(api, "orgs?per_page=100").ToString(), ct))
            {
                orgs.UnionWith(list.RootElement.EnumerateArray().Select(o => o.GetProperty("login").GetString()!));
            }

            using (var list = await GetJsonAsync(context, new Uri(api, "teams?per_page=100").ToString(), ct))
            {
                teams.UnionWith(list.RootElement.EnumerateArray().Select(t => $"{t.GetProperty("organization").GetProperty("login").GetString()}/{t.GetProperty("slug").GetString()}"));
            }
        }

        var isOperator = AccessLists.Matches(access.Operators, login, orgs, teams);
        var isReader = !isOperator && AccessLists.Matches(access.EffectiveReaders, login, orgs, teams);
        if (!isOperator && !isReader && !access.PublicRead)
        {
            LogRefused(logger, login);
            throw new SignInRefusedException(login);
        }

        var identity = context.Identity!;
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, id.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.Name, login));
        identity.AddClaim(new Claim(ClaimTypes.Role, isOperator ? AccessClaims.Operator : AccessClaims.Reader));
        var lifetime = access.GitHub.SignInLifetime;
        var expires = services.GetRequiredService<TimeProvider>().GetUtcNow() + lifetime;
        identity.AddClaim(new Claim(SignInRevalidation.ExpiresClaim, expires.ToString("O", CultureInfo.InvariantCulture)));
        if (!isOperator)
        {
            foreach (var repository in await ReadablePrivateAsync(context, services, ct))
            {
                identity.AddClaim(new Claim(AccessClaims.PrivateRepository, repository.ToString(CultureInfo.InvariantCulture)));
            }
        }

        LogSignedIn(logger, login, isOperator ? AccessClaims.Operator : AccessClaims.Reader);
    }

    /// <summary>The tracked private repositories GitHub lets this person read (a 200 for <c>GET /repos/{o}/{r}</c> with their token).</summary>
    private static async Task<List<int>> ReadablePrivateAsync(OAuthCreatingTicketContext context, IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync(ct);
        var candidates = await db.Repositories.AsNoTracking().Where(r => r.IsPrivate).OrderBy(r => r.Id).Take(MaxPrivateChecks).Select(r => new { r.Id, r.Owner, r.Name }).ToListAsync(ct);
        var api = new Uri(context.Options.UserInformationEndpoint[..^"user".Length]);
        var readable = new List<int>();
        foreach (var repository in candidates)
        {
            using var request = Request(context, new Uri(api, $"repos/{Uri.EscapeDataString(repository.Owner)}/{Uri.EscapeDataString(repository.Name)}").ToString());
            using var response = await context.Backchannel.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                readable.Add(repository.Id);
            }
        }

        return readable;
    }

    private static async Task<JsonDocument> GetJsonAsync(OAuthCreatingTicketContext context, string url, CancellationToken ct)
    {
        using var request = Request(context, url);
        using var response = await context.Backchannel.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GitHub answered {(int)response.StatusCode} to {new Uri(url).AbsolutePath} at sign-in.");
        }

        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
    }

    private static HttpRequestMessage Request(OAuthCreatingTicketContext context, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.UserAgent.ParseAdd("Health/1.0");
        return request;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Login} signed in with GitHub as {Role}")]
    private static partial void LogSignedIn(ILogger logger, string login, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Login} signed in with GitHub but is not among Access:Readers or Access:Operators: refused")]
    private static partial void LogRefused(ILogger logger, string login);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A GitHub sign-in failed: {Reason}")]
    private static partial void LogRemoteFailure(ILogger logger, string reason);

    /// <summary>Someone GitHub signed in who is on neither list.</summary>
    private sealed class SignInRefusedException(string login) : Exception($"{login} is not among Access:Readers or Access:Operators.")
    {
        public string Login { get; } = login;
    }
}
