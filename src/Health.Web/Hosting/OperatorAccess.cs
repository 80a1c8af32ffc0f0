using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Health.Web.Hosting;

/// <summary>
/// Who may manage Health (the repositories page, <c>/jobs</c>, reports): the app's one authorization policy.
/// Reading the dashboard is open to whoever can reach the app; changing what is tracked is not.
/// </summary>
public static class OperatorAccess
{
    public const string Policy = "Operator";
    public const string Scheme = "Operator";

    public static IHostApplicationBuilder AddOperatorAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, OperatorAuthenticationHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return builder;
    }
}

/// <summary><c>Access</c>: how operators are recognised.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    public AccessMode Mode { get; set; } = AccessMode.Local;

    /// <summary>For <see cref="AccessMode.Password"/>: the password (any user name) asked by the browser; set it through the environment (<c>Access__Password</c>).</summary>
    public string? Password { get; set; }
}

public enum AccessMode
{
    /// <summary>Requests from this machine (loopback, not relayed by a proxy) may manage; the default.</summary>
    Local,

    /// <summary>The browser asks for <see cref="AccessOptions.Password"/> (HTTP Basic; use HTTPS outside loopback).</summary>
    Password,

    /// <summary>Everyone who reaches the app may manage: for a reverse proxy that authenticates, or a private network.</summary>
    Anyone,
}

internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options) => options.Mode switch
    {
        AccessMode.Password when string.IsNullOrWhiteSpace(options.Password) || options.Password.Length < 12 =>
            ValidateOptionsResult.Fail($"{AccessOptions.Section}:Password must be set (at least 12 characters, e.g. through the environment variable Access__Password) when {AccessOptions.Section}:Mode is Password."),
        AccessMode.Local or AccessMode.Password or AccessMode.Anyone => ValidateOptionsResult.Success,
        _ => ValidateOptionsResult.Fail($"{AccessOptions.Section}:Mode must be Local, Password or Anyone."),
    };
}

internal sealed class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AccessOptions> access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(access.Value.Mode switch
    {
        AccessMode.Anyone => Success("operator"),
        AccessMode.Local => IsLocal(Context) ? Success("local operator") : AuthenticateResult.NoResult(),
        AccessMode.Password => CheckPassword(),
        _ => AuthenticateResult.NoResult(),
    });

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (access.Value.Mode == AccessMode.Password)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Basic realm=\"Health\", charset=\"UTF-8\"";
            await Response.WriteAsync("Managing Health needs the operator password (Access:Password).");
            return;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsync("Managing Health is allowed from this machine only (Access:Mode is Local). Behind a proxy, set Access:Mode to Password, or to Anyone when the proxy authenticates.");
    }

    /// <summary>Loopback and not relayed: a proxy on this machine makes every request look local, so a forwarded request never is.</summary>
    internal static bool IsLocal(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded"))
        {
            return false;
        }

        var remote = context.Connection.RemoteIpAddress;

        // No remote address: an in-process or Unix-socket connection, which only this machine can open.
        return remote is null || IPAddress.IsLoopback(remote);
    }

    private AuthenticateResult CheckPassword()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("The Authorization header is not valid Basic credentials.");
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        var given = Encoding.UTF8.GetBytes(separator < 0 ? string.Empty : decoded[(separator + 1)..]);
        var expected = Encoding.UTF8.GetBytes(access.Value.Password ?? string.Empty);
        return expected.Length > 0 && CryptographicOperations.FixedTimeEquals(given, expected)
            ? Success(separator > 0 ? decoded[..separator] : "operator")
            : AuthenticateResult.Fail("Wrong operator password.");
    }

    private AuthenticateResult Success(string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
