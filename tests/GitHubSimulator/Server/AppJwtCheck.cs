using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GitHubSimulator;

/// <summary>
/// Checks the JSON web token a GitHub App authenticates as itself with, as GitHub does: RS256 signed with the key of the
/// app its <c>iss</c> names, <c>iat</c> not in the future, <c>exp</c> in the future and at most 10 minutes ahead (and at
/// most 10 minutes after <c>iat</c>). Times on <see cref="World.Clock"/>.
/// </summary>
internal static class AppJwtCheck
{
    public const string NotDecoded = "A JSON web token could not be decoded";
    public const string BadIssuedAt = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
    public const string Expired = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
    public const string TooLong = "'Expiration time' claim ('exp') is too far in the future";

    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The app the token authenticates, or null and the message of GitHub's 401.</summary>
    public static (SimulatorApp? App, string? Problem) Verify(IEnumerable<SimulatorApp> apps, string? jwt, DateTime now)
    {
        string[] parts = (jwt ?? "").Split('.');
        if (parts.Length != 3)
        {
            return (null, NotDecoded);
        }

        long? issuer;
        long? issuedAt;
        long? expires;
        byte[] signature;
        try
        {
            using (JsonDocument header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])))
            {
                if (!header.RootElement.TryGetProperty("alg", out JsonElement alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "RS256")
                {
                    return (null, NotDecoded);
                }
            }

            using JsonDocument payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            issuer = Number(payload.RootElement, "iss");
            issuedAt = Number(payload.RootElement, "iat");
            expires = Number(payload.RootElement, "exp");
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return (null, NotDecoded);
        }

        SimulatorApp? app = apps.FirstOrDefault(a => a.Id == issuer);
        if (app is null || !app.Verifies(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature))
        {
            return (null, NotDecoded);
        }

        long unixNow = (long)(now - DateTime.UnixEpoch).TotalSeconds;
        if (issuedAt is not { } iat || iat > unixNow)
        {
            return (null, BadIssuedAt);
        }

        if (expires is not { } exp || exp <= unixNow)
        {
            return (null, Expired);
        }

        return exp - unixNow > MaxLifetime.TotalSeconds || exp - iat > MaxLifetime.TotalSeconds ? (null, TooLong) : (app, null);
    }

    /// <summary>A numeric claim (GitHub takes <c>iss</c> as a number or a string of digits).</summary>
    private static long? Number(JsonElement payload, string name)
    {
        if (!payload.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out long n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out long n) => n,
            _ => null,
        };
    }
}
