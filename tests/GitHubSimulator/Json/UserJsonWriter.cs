using System.Text.Json;

namespace GitHubSimulator;

/// <summary>
/// The simple-user object (public-user-default-response.json without the profile fields), the public user and the
/// authenticated (private) user.
/// </summary>
internal static class UserJsonWriter
{
    /// <summary>Writes <c>"name": {user}</c> or <c>"name": null</c> for a deleted account.</summary>
    public static void Write(Utf8JsonWriter w, ReadOnlySpan<byte> name, JsonContext ctx, SimAccount? user)
    {
        w.WritePropertyName(name);
        if (user is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(ctx.UserJson(user), skipInputValidation: true);
        }
    }

    public static void WriteSimpleUser(Utf8JsonWriter w, JsonContext ctx, SimAccount account)
    {
        w.WriteStartObject();
        WriteFields(w, ctx, account);
        w.WriteEndObject();
    }

    /// <summary>The body of <c>/users/{login}</c>.</summary>
    public static void WritePublicUser(Utf8JsonWriter w, JsonContext ctx, SimAccount account, int publicRepos)
    {
        w.WriteStartObject();
        WriteFields(w, ctx, account);
        WriteProfile(w, account, publicRepos, (int)(account.Id % 97), (int)(account.Id % 13));
        w.WriteEndObject();
    }

    /// <summary>
    /// The body of <c>/user</c> for a user token (private-user): the public profile with no followers, plus the
    /// private counts and plan.
    /// </summary>
    public static void WriteAuthenticatedUser(Utf8JsonWriter w, JsonContext ctx, SimAccount account, int publicRepos, int privateRepos)
    {
        w.WriteStartObject();
        WriteFields(w, ctx, account);
        WriteProfile(w, account, publicRepos, 0, 0);
        w.WriteNumber("private_gists"u8, 0);
        w.WriteNumber("total_private_repos"u8, privateRepos);
        w.WriteNumber("owned_private_repos"u8, privateRepos);
        w.WriteNumber("disk_usage"u8, 0);
        w.WriteNumber("collaborators"u8, 0);
        w.WriteBoolean("two_factor_authentication"u8, true);
        w.WriteStartObject("plan"u8);
        w.WriteString("name"u8, "free"u8);
        w.WriteNumber("space"u8, 976_562_499);
        w.WriteNumber("collaborators"u8, 0);
        w.WriteNumber("private_repos"u8, 10_000);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteProfile(Utf8JsonWriter w, SimAccount account, int publicRepos, int followers, int following)
    {
        bool person = account.Type == AccountTypes.User;
        w.WriteString("name"u8, person ? account.Login : account.Login.Replace("[bot]", "", StringComparison.Ordinal));
        w.WriteNull("company"u8);
        w.WriteString("blog"u8, "");
        w.WriteNull("location"u8);
        w.WriteNull("email"u8);
        w.WriteNull("hireable"u8);
        w.WriteNull("bio"u8);
        w.WriteNull("twitter_username"u8);
        w.WriteNumber("public_repos"u8, publicRepos);
        w.WriteNumber("public_gists"u8, 0);
        w.WriteNumber("followers"u8, followers);
        w.WriteNumber("following"u8, following);
        w.WriteTime("created_at"u8, account.CreatedAt);
        w.WriteTime("updated_at"u8, account.CreatedAt);
    }

    private static void WriteFields(Utf8JsonWriter w, JsonContext ctx, SimAccount account)
    {
        Span<byte> s = stackalloc byte[512];
        string login = account.Login;
        string api = ctx.Api + "users/" + Uri.EscapeDataString(login);
        bool bot = account.Type == AccountTypes.Bot;
        w.WriteString("login"u8, login);
        w.WriteNumber("id"u8, account.Id);
        w.WriteNodeId(account.Type, account.Id);
        w.WriteUtf8("avatar_url"u8, s, $"{ctx.Html}avatars/u/{account.Id}?v=4");
        w.WriteString("gravatar_id"u8, ""u8);
        w.WriteString("url"u8, api);
        if (bot)
        {
            w.WriteUtf8("html_url"u8, s, $"{ctx.Html}apps/{login.Replace("[bot]", "", StringComparison.Ordinal)}");
        }
        else
        {
            w.WriteUtf8("html_url"u8, s, $"{ctx.Html}{login}");
        }

        w.WriteUtf8("followers_url"u8, s, $"{api}/followers");
        w.WriteUtf8("following_url"u8, s, $"{api}/following{{/other_user}}");
        w.WriteUtf8("gists_url"u8, s, $"{api}/gists{{/gist_id}}");
        w.WriteUtf8("starred_url"u8, s, $"{api}/starred{{/owner}}{{/repo}}");
        w.WriteUtf8("subscriptions_url"u8, s, $"{api}/subscriptions");
        w.WriteUtf8("organizations_url"u8, s, $"{api}/orgs");
        w.WriteUtf8("repos_url"u8, s, $"{api}/repos");
        w.WriteUtf8("events_url"u8, s, $"{api}/events{{/privacy}}");
        w.WriteUtf8("received_events_url"u8, s, $"{api}/received_events");
        w.WriteString("type"u8, account.Type);
        w.WriteString("user_view_type"u8, "public"u8);
        w.WriteBoolean("site_admin"u8, false);
    }
}
