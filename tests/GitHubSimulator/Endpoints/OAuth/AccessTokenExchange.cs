using System.Text;

namespace GitHubSimulator;

/// <summary>
/// <c>POST /login/oauth/access_token</c>: the client (form fields or HTTP Basic) exchanges a code for a <c>gho_</c> token.
/// Always 200 with JSON, as GitHub answers, errors included.
/// </summary>
internal sealed class AccessTokenExchange(SimulatorOptions options, OAuthGrants grants)
{
    private const string TroubleshootingDocs =
        "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/";

    public ApiResponse Answer(OAuthFields fields, string? authorization)
    {
        (string? clientId, string? clientSecret) = Basic(authorization) ?? (fields["client_id"], fields["client_secret"]);
        if (clientId is null
            || !string.Equals(clientId, options.OAuthClientId, StringComparison.Ordinal)
            || !string.Equals(clientSecret, options.OAuthClientSecret, StringComparison.Ordinal))
        {
            return Error(
                "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.", "#incorrect-client-credentials");
        }

        UserGrant? grant = grants.Redeem(fields["code"], clientId, fields["redirect_uri"], fields["code_verifier"]);
        if (grant is null)
        {
            return Error("bad_verification_code", "The code passed is incorrect or expired.", "#bad-verification-code");
        }

        return Api.Object(256, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token"u8, grant.Token);
            w.WriteString("token_type"u8, "bearer"u8);
            w.WriteString("scope"u8, grant.Scope);
            w.WriteEndObject();
        });
    }

    private static ApiResponse Error(string error, string description, string anchor) => Api.Object(384, w =>
    {
        w.WriteStartObject();
        w.WriteString("error"u8, error);
        w.WriteString("error_description"u8, description);
        w.WriteString("error_uri"u8, TroubleshootingDocs + anchor);
        w.WriteEndObject();
    });

    /// <summary>The client id and secret of <c>Authorization: Basic base64(id:secret)</c>, or null.</summary>
    private static (string?, string?)? Basic(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            string pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            int colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
