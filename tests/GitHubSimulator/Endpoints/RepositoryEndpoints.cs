namespace GitHubSimulator;

/// <summary><c>/repos/{o}/{r}</c>, <c>/orgs/{org}/repos</c>, <c>/users/{login}/repos</c>, <c>/users/{login}</c>, <c>/rate_limit</c>.</summary>
internal static class RepositoryEndpoints
{
    public static ApiResponse Repository(Api api, SimRepository repo)
    {
        SimAccount owner = api.OwnerOf(repo);
        int open = repo.GetIndex().OpenCount;
        return Api.Object(8192, w => RepositoryJsonWriter.Write(w, api.Json, repo, owner, open, full: true));
    }

    /// <summary>The world's repositories of one owner: an organization's newest first, a user's by name.</summary>
    public static ApiResponse OwnerRepositories(Api api, ApiRequest request, string login, bool organization)
    {
        SimAccount? account = api.World.FindAccount(login);
        if (account is null || (organization && account.Type != AccountTypes.Organization))
        {
            return ErrorBodies.NotFound(organization ? ErrorBodies.OrgReposDocs : ErrorBodies.UserDocs);
        }

        List<SimRepository> repos = api.World.Repositories
            .Where(r => string.Equals(r.Owner, account.Login, StringComparison.OrdinalIgnoreCase))
            .ToList();
        repos.Sort(organization
            ? (a, b) => b.CreatedAt != a.CreatedAt ? b.CreatedAt.CompareTo(a.CreatedAt) : b.Id.CompareTo(a.Id)
            : (a, b) => string.CompareOrdinal(a.FullName.ToLowerInvariant(), b.FullName.ToLowerInvariant()));
        return api.Page(request, ListView<SimRepository>.Of(repos), 6144, (w, repo) =>
            RepositoryJsonWriter.Write(w, api.Json, repo, api.OwnerOf(repo), repo.GetIndex().OpenCount, full: false));
    }

    public static ApiResponse User(Api api, string login)
    {
        SimAccount? account = api.World.FindAccount(login);
        if (account is null)
        {
            return ErrorBodies.NotFound(ErrorBodies.UserDocs);
        }

        int repos = api.World.Repositories.Count(r => string.Equals(r.Owner, account.Login, StringComparison.OrdinalIgnoreCase));
        return Api.Object(2048, w => UserJsonWriter.WritePublicUser(w, api.Json, account, repos));
    }

    /// <summary><c>/rate_limit</c>: the caller's budgets (free, as on GitHub).</summary>
    public static ApiResponse RateLimit(Api api, Budgets budgets)
    {
        DateTime now = api.World.Now;
        RateSnapshot core = budgets.Core.Peek(api.Options, now);
        RateSnapshot graphQL = budgets.GraphQL.Peek(api.Options, now);
        long unixNow = (long)(now - DateTime.UnixEpoch).TotalSeconds;
        ApiResponse response = Api.Object(1536, w => RateLimitJsonWriter.Write(w, core, graphQL, unixNow));
        return new ApiResponse(response.Status, response.Body) { Counts = false };
    }
}
