namespace GitHubSimulator;

/// <summary>
/// The Authorization header (<c>token X</c> or <c>Bearer X</c>). REST needs it only when <see cref="SimulatorOptions.Token"/>
/// is set; GraphQL always needs one (any, when no token is set), as GitHub's GraphQL API requires authentication.
/// </summary>
internal static class Authorization
{
    /// <summary>The 401 to send instead of a REST answer, or null. 401s use no rate-limit budget.</summary>
    public static ApiResponse? Rest(SimulatorOptions options, HttpRequest request)
    {
        string? token = options.Token;
        if (token is null)
        {
            return null;
        }

        return string.Equals(Token(request.Headers.Authorization), token, StringComparison.Ordinal)
            ? null
            : new ApiResponse(401, PooledBuffer.From(ErrorBodies.BadCredentials)) { Counts = false };
    }

    /// <summary>The 401 to send instead of a GraphQL answer, or null.</summary>
    public static ApiResponse? GraphQL(SimulatorOptions options, HttpRequest request)
    {
        string? given = Token(request.Headers.Authorization);
        if (string.IsNullOrEmpty(given))
        {
            return new ApiResponse(401, PooledBuffer.From(ErrorBodies.GraphQLUnauthenticated));
        }

        return options.Token is null || string.Equals(given, options.Token, StringComparison.Ordinal)
            ? null
            : new ApiResponse(401, PooledBuffer.From(ErrorBodies.GraphQLBadCredentials));
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
