using System.Globalization;

namespace GitHubSimulator;

/// <summary>
/// Maps a GET path (after the prefix) to its endpoint, under the world lock, for the app token (<see cref="Route"/>)
/// or a user token of the OAuth web flow (<see cref="RouteUser"/>). Unknown routes answer 404.
/// </summary>
internal static class Router
{
    public static ApiResponse Route(Api api, string method, string path, string prefix, QueryParams query, Budgets budgets)
    {
        if (method is not ("GET" or "HEAD"))
        {
            return ErrorBodies.NotFound();
        }

        if (Segments(path, prefix) is not { } segments)
        {
            return ErrorBodies.NotFound();
        }

        var request = new ApiRequest(path, segments, query, budgets);
        lock (api.World.SyncRoot)
        {
            return Dispatch(api, request, segments);
        }
    }

    /// <summary>
    /// Maps a GET path of a request carrying a user token of the OAuth web flow: <c>/user</c>, <c>/user/orgs</c>,
    /// <c>/user/teams</c>, and <c>/repos/{o}/{r}</c> when the user may read it (else 404 as for a missing one).
    /// Everything else answers 404.
    /// </summary>
    public static ApiResponse RouteUser(Api api, string method, string path, string prefix, QueryParams query, SimAccount user)
    {
        if (method is not ("GET" or "HEAD") || Segments(path, prefix) is not { } s)
        {
            return ErrorBodies.NotFound();
        }

        var request = new ApiRequest(path, s, query);
        lock (api.World.SyncRoot)
        {
            if (IsUserRoute(s))
            {
                return s.Length == 1 ? UserEndpoints.AuthenticatedUser(api, user)
                    : Is(s[1], "orgs") ? UserEndpoints.Organizations(api, request, user)
                    : UserEndpoints.Teams(api, request, user);
            }

            if (s.Length == 3 && Is(s[0], "repos"))
            {
                SimRepository? repo = api.World.FindRepository(s[1], s[2]);
                return repo is not null && World.CanRead(repo, user.Login)
                    ? RepositoryRoute(api, request, s)
                    : ErrorBodies.NotFound(ErrorBodies.RepoDocs);
            }

            return ErrorBodies.NotFound();
        }
    }

    /// <summary>Whether the path (after the prefix) is <c>/user</c>, <c>/user/orgs</c> or <c>/user/teams</c>.</summary>
    public static bool IsUserRoute(string path, string prefix) => Segments(path, prefix) is { } s && IsUserRoute(s);

    private static bool IsUserRoute(string[] s) =>
        s.Length is 1 or 2 && Is(s[0], "user") && (s.Length == 1 || Is(s[1], "orgs") || Is(s[1], "teams"));

    /// <summary>The path's segments after the prefix, or null when the path is not under it.</summary>
    internal static string[]? Segments(string path, string prefix)
    {
        if (prefix.Length > 0 && !(path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (path.Length == prefix.Length || path[prefix.Length] == '/')))
        {
            return null;
        }

        return path[prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    private static ApiResponse Dispatch(Api api, ApiRequest request, string[] s)
    {
        if (s.Length == 0)
        {
            return ErrorBodies.NotFound();
        }

        switch (s[0].ToLowerInvariant())
        {
            case "rate_limit" when s.Length == 1 && request.Budgets is { } budgets:
                return RepositoryEndpoints.RateLimit(api, budgets);
            case "users" when s.Length == 2:
                return RepositoryEndpoints.User(api, s[1]);
            case "users" when s.Length == 3 && Is(s[2], "repos"):
                return RepositoryEndpoints.OwnerRepositories(api, request, s[1], organization: false);
            case "orgs" when s.Length == 3 && Is(s[2], "repos"):
                return RepositoryEndpoints.OwnerRepositories(api, request, s[1], organization: true);
            case "repos" when s.Length >= 3:
                return RepositoryRoute(api, request, s);
            default:
                return ErrorBodies.NotFound();
        }
    }

    private static ApiResponse RepositoryRoute(Api api, ApiRequest request, string[] s)
    {
        SimRepository? repo = api.World.FindRepository(s[1], s[2]);
        if (repo is null)
        {
            return ErrorBodies.NotFound(ErrorBodies.RepoDocs);
        }

        if (api.Options.ForbiddenRepositories.Contains(repo.FullName))
        {
            return ApiResponse.FromBytes(403, ErrorBodies.NotAccessible);
        }

        int rest = s.Length - 3;
        if (rest == 0)
        {
            return RepositoryEndpoints.Repository(api, repo);
        }

        string area = s[3].ToLowerInvariant();
        if (area == "pulls")
        {
            return rest switch
            {
                1 => PullEndpoints.List(api, request, repo),
                2 when Is(s[4], "comments") => CommentEndpoints.ReviewComments(api, request, repo),
                2 when Number(s[4]) is int n => PullEndpoints.Single(api, repo, n),
                3 when Number(s[4]) is int n && Is(s[5], "reviews") => PullEndpoints.Reviews(api, request, repo, n),
                _ => ErrorBodies.NotFound(),
            };
        }

        if (area == "issues")
        {
            return rest switch
            {
                1 => IssueEndpoints.List(api, request, repo),
                2 when Is(s[4], "comments") => CommentEndpoints.IssueComments(api, request, repo),
                2 when Number(s[4]) is int n => IssueEndpoints.Single(api, repo, n),
                _ => ErrorBodies.NotFound(),
            };
        }

        return ErrorBodies.NotFound();
    }

    private static bool Is(string segment, string literal) => string.Equals(segment, literal, StringComparison.OrdinalIgnoreCase);

    private static int? Number(string segment) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
}
