namespace GitHubSimulator;

/// <summary>
/// The Authorization header (<c>token X</c> or <c>Bearer X</c>). REST needs it only when <see cref="SimulatorOptions.Token"/>
/// or <see cref="SimulatorOptions.Tokens"/> is set; GraphQL always needs one (any, when none is set), as GitHub's GraphQL API
/// requires authentication. Installation tokens minted here are taken until they expire, then refused as bad credentials.
/// </summary>
internal static class Authorization
{
    /// <summary>
    /// The 401 to send instead of a REST answer, or null. 401s use no rate-limit budget. An installation token is taken
    /// until it expires; any other must be one of <see cref="SimulatorOptions.Token"/> and <see cref="SimulatorOptions.Tokens"/>
    /// when either is set.
    /// </summary>
    public static ApiResponse? Rest(SimulatorOptions options, Caller caller, DateTime now) =>
        Accepts(options, caller, now) ? null : new ApiResponse(401, PooledBuffer.From(ErrorBodies.BadCredentials)) { Counts = false };

    /// <summary>The 401 to send instead of a GraphQL answer, or null.</summary>
    public static ApiResponse? GraphQL(SimulatorOptions options, Caller caller, DateTime now)
    {
        if (caller.Token is null)
        {
            return new ApiResponse(401, PooledBuffer.From(ErrorBodies.GraphQLUnauthenticated));
        }

        return Accepts(options, caller, now) ? null : new ApiResponse(401, PooledBuffer.From(ErrorBodies.GraphQLBadCredentials));
    }

    private static bool Accepts(SimulatorOptions options, Caller caller, DateTime now)
    {
        if (caller.Installation is { } installation)
        {
            return !installation.IsExpired(now);
        }

        if (options.Token is null && options.Tokens.Count == 0)
        {
            return true;
        }

        return caller.Token is { } token && (string.Equals(token, options.Token, StringComparison.Ordinal) || options.Tokens.Contains(token));
    }

    /// <summary>
    /// The 401 for a user-token route (<c>/user</c>, <c>/user/orgs</c>, <c>/user/teams</c>) asked with a <c>gho_</c>
    /// token the web flow did not issue, or null. Call it only when the token is not an issued one.
    /// </summary>
    public static ApiResponse? UnknownUserToken(HttpRequest request, string path, string prefix)
    {
        string? given = Token(request.Headers.Authorization);
        return given is not null && given.StartsWith("gho_", StringComparison.Ordinal) && Router.IsUserRoute(path, prefix)
            ? new ApiResponse(401, PooledBuffer.From(ErrorBodies.BadCredentials)) { Counts = false }
            : null;
    }

    /// <summary>The token of <c>Authorization: token X</c> or <c>Bearer X</c>, or null.</summary>
    public static string? Token(string? header)
    {
        if (header is null)
        {
            return null;
        }

        if (header.StartsWith("token ", StringComparison.OrdinalIgnoreCase))
        {
            return header[6..].Trim();
        }

        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
