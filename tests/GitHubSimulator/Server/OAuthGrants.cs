using System.Security.Cryptography;
using System.Text;

namespace GitHubSimulator;

/// <summary>
/// The web flow's authorization codes (single use, valid <see cref="CodeLifetime"/> on <see cref="World.Clock"/>) and
/// the user tokens issued for them. Thread-safe.
/// </summary>
internal sealed class OAuthGrants(World world)
{
    /// <summary>How long a code may be exchanged (GitHub: 10 minutes).</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    private const string TokenChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserGrant> _tokens = new(StringComparer.Ordinal);

    /// <summary>A new code for <paramref name="user"/>, bound to the client, redirect URI, scope and PKCE challenge.</summary>
    public string IssueCode(string clientId, string redirectUri, SimAccount user, string scope, string? codeChallenge, string? challengeMethod)
    {
        string code = RandomNumberGenerator.GetHexString(20, lowercase: true);
        var pending = new PendingCode(clientId, redirectUri, user, scope, codeChallenge, challengeMethod, world.Clock.GetUtcNow() + CodeLifetime);
        lock (_gate)
        {
            _codes[code] = pending;
        }

        return code;
    }

    /// <summary>
    /// Spends <paramref name="code"/> and issues a token, or null when the code is unknown, spent or expired, or was
    /// issued for another client or redirect URI (when one is given), or the PKCE verifier does not match its challenge.
    /// </summary>
    public UserGrant? Redeem(string? code, string clientId, string? redirectUri, string? codeVerifier)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        PendingCode? pending;
        lock (_gate)
        {
            if (!_codes.Remove(code, out pending))
            {
                return null;
            }
        }

        bool valid = world.Clock.GetUtcNow() <= pending.Expires
            && string.Equals(pending.ClientId, clientId, StringComparison.Ordinal)
            && (string.IsNullOrEmpty(redirectUri) || string.Equals(pending.RedirectUri, redirectUri, StringComparison.Ordinal))
            && Verifies(pending, codeVerifier);
        if (!valid)
        {
            return null;
        }

        var grant = new UserGrant("gho_" + RandomNumberGenerator.GetString(TokenChars, 36), pending.User, pending.Scope.Replace(' ', ','));
        lock (_gate)
        {
            _tokens[grant.Token] = grant;
        }

        return grant;
    }

    /// <summary>The grant of an issued token, or null.</summary>
    public UserGrant? Find(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_gate)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    /// <summary>RFC 7636: no challenge needs no verifier; <c>S256</c> (or <c>plain</c>) must match the verifier sent.</summary>
    private static bool Verifies(PendingCode pending, string? verifier)
    {
        if (string.IsNullOrEmpty(pending.CodeChallenge))
        {
            return true;
        }

        if (string.IsNullOrEmpty(verifier))
        {
            return false;
        }

        if (string.IsNullOrEmpty(pending.ChallengeMethod) || string.Equals(pending.ChallengeMethod, "plain", StringComparison.Ordinal))
        {
            return string.Equals(pending.CodeChallenge, verifier, StringComparison.Ordinal);
        }

        string expected = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Equals(pending.CodeChallenge, expected, StringComparison.Ordinal);
    }

    private sealed record PendingCode(
        string ClientId, string RedirectUri, SimAccount User, string Scope, string? CodeChallenge, string? ChallengeMethod, DateTimeOffset Expires);
}

/// <summary>A user token issued by the web flow: the user it acts for and its scopes (comma-separated, as GitHub shows them).</summary>
internal sealed record UserGrant(string Token, SimAccount User, string Scope);
