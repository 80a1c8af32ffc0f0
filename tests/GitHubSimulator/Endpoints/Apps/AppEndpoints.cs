using System.Globalization;
using System.Text.Json;

namespace GitHubSimulator;

/// <summary>
/// The endpoints a GitHub App calls as itself (its JSON web token, checked by <see cref="AppJwtCheck"/> before these):
/// <c>GET /app/installations</c>, <c>GET /app/installations/{id}</c>, <c>POST /app/installations/{id}/access_tokens</c>
/// (201 with a token valid <see cref="SimulatorOptions.InstallationTokenLifetime"/>), and the look-ups of an account's
/// installation: <c>GET /repos/{o}/{r}/installation</c>, <c>/orgs/{org}/installation</c>, <c>/users/{user}/installation</c>.
/// </summary>
internal static class AppEndpoints
{
    /// <summary>Whether the path (after the prefix) is one of the app's: these take the app's JSON web token, not a token.</summary>
    public static bool Handles(string path, string prefix) => Router.Segments(path, prefix) is { } s && Handles(s);

    public static ApiResponse Answer(Api api, SimulatorApp app, InstallationTokens tokens, string method, string path, string prefix)
    {
        string[] s = Router.Segments(path, prefix) ?? [];
        bool get = method is "GET" or "HEAD";
        lock (api.World.SyncRoot)
        {
            if (Is(s[0], "app"))
            {
                return s switch
                {
                    [_, var installations] when get && Is(installations, "installations") => List(api, app),
                    [_, var installations, var id] when get && Is(installations, "installations") && Number(id) is long n && app.Installation(n) is { } i =>
                        Api.Object(2048, w => WriteInstallation(w, api, app, i.Key, i.Value)),
                    [_, var installations, var id, var access] when method == "POST" && Is(installations, "installations") && Is(access, "access_tokens")
                        && Number(id) is long n && app.Installation(n) is { } i => Mint(api, app, tokens, i.Key, i.Value),
                    _ => ErrorBodies.NotFound(ErrorBodies.AppDocs),
                };
            }

            string? account = s.Length == 4 ? api.World.FindRepository(s[1], s[2])?.Owner : s[1];
            return get && account is not null && app.Installations.TryGetValue(account, out long installation)
                ? Api.Object(2048, w => WriteInstallation(w, api, app, account, installation))
                : ErrorBodies.NotFound(ErrorBodies.AppDocs);
        }
    }

    private static bool Handles(string[] s) =>
        (s.Length >= 1 && Is(s[0], "app"))
        || (s.Length == 4 && Is(s[0], "repos") && Is(s[3], "installation"))
        || (s.Length == 3 && (Is(s[0], "orgs") || Is(s[0], "users")) && Is(s[2], "installation"));

    private static ApiResponse List(Api api, SimulatorApp app)
    {
        var body = new PooledBuffer(1024 + (app.Installations.Count * 2048));
        using (var w = new Utf8JsonWriter(body, JsonWriting.Options))
        {
            w.WriteStartArray();
            foreach ((string account, long id) in app.Installations.OrderBy(i => i.Value))
            {
                WriteInstallation(w, api, app, account, id);
            }

            w.WriteEndArray();
        }

        return new ApiResponse(200, body);
    }

    private static ApiResponse Mint(Api api, SimulatorApp app, InstallationTokens tokens, string account, long installation)
    {
        InstallationGrant grant = tokens.Issue(app, installation, account, api.Options.InstallationTokenLifetime);
        ApiResponse created = Api.Object(512, w =>
        {
            w.WriteStartObject();
            w.WriteString("token"u8, grant.Token);
            w.WriteTime("expires_at"u8, grant.ExpiresAt);
            WritePermissions(w);
            w.WriteString("repository_selection"u8, "all"u8);
            w.WriteEndObject();
        });
        created.Status = 201;
        return created;
    }

    /// <summary>An installation object, shaped on GitHub's (the fields an app reads, with their real names).</summary>
    private static void WriteInstallation(Utf8JsonWriter w, Api api, SimulatorApp app, string login, long id)
    {
        SimAccount account = api.World.FindAccount(login) ?? new SimAccount(1, login, AccountTypes.Organization);
        string idText = id.ToString(CultureInfo.InvariantCulture);
        w.WriteStartObject();
        w.WriteNumber("id"u8, id);
        w.WritePropertyName("account"u8);
        UserJsonWriter.WriteSimpleUser(w, api.Json, account);
        w.WriteString("repository_selection"u8, "all"u8);
        w.WriteString("access_tokens_url"u8, $"{api.Origin}/app/installations/{idText}/access_tokens");
        w.WriteString("repositories_url"u8, $"{api.Origin}/installation/repositories");
        w.WriteString("html_url"u8, $"https://github.com/organizations/{account.Login}/settings/installations/{idText}");
        w.WriteNumber("app_id"u8, app.Id);
        w.WriteString("app_slug"u8, app.Slug);
        w.WriteNumber("target_id"u8, account.Id);
        w.WriteString("target_type"u8, account.Type);
        WritePermissions(w);
        w.WriteStartArray("events"u8);
        w.WriteEndArray();
        w.WriteTime("created_at"u8, account.CreatedAt);
        w.WriteTime("updated_at"u8, account.CreatedAt);
        w.WriteNull("single_file_name"u8);
        w.WriteNull("suspended_at"u8);
        w.WriteNull("suspended_by"u8);
        w.WriteEndObject();
    }

    private static void WritePermissions(Utf8JsonWriter w)
    {
        w.WriteStartObject("permissions"u8);
        w.WriteString("issues"u8, "read"u8);
        w.WriteString("metadata"u8, "read"u8);
        w.WriteString("pull_requests"u8, "read"u8);
        w.WriteEndObject();
    }

    private static bool Is(string segment, string literal) => string.Equals(segment, literal, StringComparison.OrdinalIgnoreCase);

    private static long? Number(string segment) =>
        long.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;
}
