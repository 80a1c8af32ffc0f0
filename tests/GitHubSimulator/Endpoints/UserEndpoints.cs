namespace GitHubSimulator;

/// <summary>
/// What a user token of the OAuth web flow reads about its user: <c>/user</c>, <c>/user/orgs</c>, <c>/user/teams</c>.
/// Called under the world lock.
/// </summary>
internal static class UserEndpoints
{
    public static ApiResponse AuthenticatedUser(Api api, SimAccount user)
    {
        int publicRepos = 0;
        int privateRepos = 0;
        foreach (SimRepository repo in api.World.Repositories)
        {
            if (!string.Equals(repo.Owner, user.Login, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (repo.Private)
            {
                privateRepos++;
            }
            else
            {
                publicRepos++;
            }
        }

        return Api.Object(3072, w => UserJsonWriter.WriteAuthenticatedUser(w, api.Json, user, publicRepos, privateRepos));
    }

    /// <summary>The organizations the user is a member of, by login.</summary>
    public static ApiResponse Organizations(Api api, ApiRequest request, SimAccount user)
    {
        List<OrganizationView> orgs = api.World.OrganizationsOf(user.Login).Select(o => View(api, o)).ToList();
        return api.Page(request, ListView<OrganizationView>.Of(orgs), 1024, (w, org) => OrganizationJsonWriter.WriteSimple(w, api.Json, org));
    }

    /// <summary>The teams the user is a member of, by organization then slug.</summary>
    public static ApiResponse Teams(Api api, ApiRequest request, SimAccount user)
    {
        List<SimTeam> teams = api.World.TeamsOf(user.Login);
        return api.Page(request, ListView<SimTeam>.Of(teams), 3072, (w, team) =>
            TeamJsonWriter.Write(w, api.Json, team, View(api, team.Organization)));
    }

    private static OrganizationView View(Api api, SimOrganization org)
    {
        SimAccount? account = api.World.OrganizationAccount(org);
        string login = account?.Login ?? org.Login;
        int publicRepos = api.World.Repositories.Count(r => !r.Private && string.Equals(r.Owner, login, StringComparison.OrdinalIgnoreCase));
        return new OrganizationView(login, account?.Id ?? org.MadeUpId, account?.CreatedAt ?? org.CreatedAt, publicRepos);
    }
}
