using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Health.Core.GitHub.Identities;

/// <summary>
/// The JSON web token a GitHub App authenticates as itself with (on <c>/app/...</c>): RS256, <c>iss</c> the app id,
/// <c>iat</c> a minute in the past against clock drift, <c>exp</c> ten minutes after <c>iat</c> (GitHub's maximum).
/// </summary>
internal sealed class AppJwt(long appId, RSA key, TimeProvider time)
{
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly SigningCredentials _signing = new(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public long AppId => appId;

    public string Create()
    {
        var issued = time.GetUtcNow().UtcDateTime - Backdate;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            IssuedAt = issued,
            Expires = issued + Lifetime,
            Claims = new Dictionary<string, object> { ["iss"] = appId },
            SigningCredentials = _signing,
        });
    }
}
