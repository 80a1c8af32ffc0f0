using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Health.Web.Access;

/// <summary>Recognises an operator by <see cref="AccessOptions.Mode"/>: the connection (Local), a password (Password), or anyone.</summary>
internal sealed partial class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AccessOptions> access,
    PasswordAttempts attempts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    private const string RefusalKey = "health.access.refusal";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(access.Value.Mode switch
    {
        AccessMode.Anyone => Success("operator"),
        AccessMode.Local => LocalConnection.IsLocal(Context) ? Success("local operator") : AuthenticateResult.NoResult(),
        AccessMode.Password => CheckPassword(),
        _ => AuthenticateResult.NoResult(),
    });

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.ContentType = "text/plain; charset=utf-8";
        if (Context.Items[RefusalKey] is Refusal refusal)
        {
            Response.StatusCode = refusal.Status;
            if (refusal.RetryAfter is { } wait)
            {
                Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await Response.WriteAsync(refusal.Message + "\n");
            return;
        }

        if (access.Value.Mode == AccessMode.Password)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Basic realm=\"Health\", charset=\"UTF-8\"";
            await Response.WriteAsync("Managing Health needs the operator password (Access:Password).\n");
            return;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsync("Managing Health is allowed from this machine only (Access:Mode is Local): a loopback connection to localhost, 127.0.0.1 or [::1], not relayed by a proxy. Behind a proxy, set Access:Mode to Password, or to Anyone when the proxy authenticates.\n");
    }

    private AuthenticateResult CheckPassword()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!LocalConnection.MaySendSecrets(Context, access.Value))
        {
            return Refuse(StatusCodes.Status403Forbidden, "The operator password is only accepted over HTTPS from another machine (it would cross the network in clear). Serve Health over HTTPS (a reverse proxy that sets X-Forwarded-Proto, with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true), or set Access:AllowInsecureHttp=true on a network you trust.");
        }

        // The attempt is counted before the password is checked, so that guesses sent in parallel cannot all pass the lockout.
        var client = LocalConnection.ClientKey(Context);
        var attempt = attempts.Begin(client);
        if (!attempt.Allowed)
        {
            return TooMany(client, attempt.Wait);
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
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(separator < 0 ? string.Empty : decoded[(separator + 1)..]));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(access.Value.Password ?? string.Empty));
        if (!string.IsNullOrEmpty(access.Value.Password) && CryptographicOperations.FixedTimeEquals(given, expected))
        {
            attempts.Succeed(client);
            return Success(separator > 0 ? decoded[..separator] : "operator");
        }

        LogWrongPassword(Logger, client, attempt.Failures, attempt.Wait.TotalSeconds);
        return attempt.Wait > TimeSpan.Zero ? TooMany(client, attempt.Wait) : AuthenticateResult.Fail("Wrong operator password.");
    }

    private AuthenticateResult TooMany(string client, TimeSpan wait) =>
        Refuse(StatusCodes.Status429TooManyRequests, $"Too many wrong operator passwords from {client}: try again in {Math.Ceiling(wait.TotalSeconds):0} s.", wait);

    private AuthenticateResult Refuse(int status, string message, TimeSpan? retryAfter = null)
    {
        Context.Items[RefusalKey] = new Refusal(status, message, retryAfter);
        return AuthenticateResult.Fail(message);
    }

    private AuthenticateResult Success(string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, AccessClaims.Operator)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong operator password from {Client} ({Failures} in a row); it waits {WaitSeconds} s before the next try")]
    private static partial void LogWrongPassword(ILogger logger, string client, int failures, double waitSeconds);

    private sealed record Refusal(int Status, string Message, TimeSpan? RetryAfter);
}
