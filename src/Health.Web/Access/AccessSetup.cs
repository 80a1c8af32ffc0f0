using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Health.Web.Access;

/// <summary>
/// Who may do what, and what a request must look like to be served at all: the operator scheme and policy, the hosts the
/// app answers to, same-origin checks, security headers and download limits.
/// </summary>
internal static class AccessSetup
{
    /// <summary>The host names served when <c>AllowedHosts</c> is not set: this machine's (a rebinding DNS name is refused).</summary>
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        builder.Services.AddSingleton<PasswordAttempts>();
        builder.Services.AddAntiforgery();

        // The mode decides which schemes exist: GitHub sign-in (a cookie, and the OAuth handler's callback) only in its mode.
        // (A value that is no mode is left to the options' validation, which names the key and the modes.)
        var github = Enum.TryParse<AccessMode>(builder.Configuration[$"{AccessOptions.Section}:{nameof(AccessOptions.Mode)}"], ignoreCase: true, out var mode) && mode == AccessMode.GitHub;
        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = github ? GitHubSignIn.CookieScheme : OperatorAccess.Scheme;
            o.DefaultChallengeScheme = github ? GitHubSignIn.Scheme : OperatorAccess.Scheme;
        });
        authentication.AddScheme<AuthenticationSchemeOptions, OperatorAuthenticationHandler>(OperatorAccess.Scheme, null);
        if (github)
        {
            GitHubSignIn.Add(authentication);

            // Open pages lose a sign-in whose lifetime is over (they would keep it for as long as they stay open).
            builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SignInRevalidation>();
        }

        var scheme = github ? GitHubSignIn.CookieScheme : OperatorAccess.Scheme;
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorAccess.Policy, p => p.AddAuthenticationSchemes(scheme).RequireRole(AccessClaims.Operator))
            .AddPolicy(OperatorAccess.ReaderPolicy, p => p.AddAuthenticationSchemes(scheme).AddRequirements(new ReaderRequirement()));
        builder.Services.AddSingleton<IAuthorizationHandler, ReaderRequirement.Handler>();
        builder.Services.AddDownloadLimits();

        // The framework filters hosts by AllowedHosts ("*" when unset); unset, Health answers to loopback names only, plus the
        // host of Access:PublicUrl.
        builder.Services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<AccessOptions>, IConfiguration>((hosts, access, configuration) =>
        {
            var allowed = string.IsNullOrWhiteSpace(configuration["AllowedHosts"]) ? [.. LoopbackHosts] : hosts.AllowedHosts.ToList();
            if (access.Value.PublicUrl is { IsAbsoluteUri: true } url && !allowed.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            {
                allowed.Add(url.Host);
            }

            hosts.AllowedHosts = allowed;
        });
        return builder;
    }

    /// <summary>Before the endpoints: headers on every answer, cross-site refusals, limits, then who the caller is.</summary>
    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<SameOrigin>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
