using System.Text.Json;

namespace GitHubSimulator;

/// <summary>
/// The organization-simple object (<c>/user/orgs</c>) and the fuller one a team embeds (team-organization), after
/// GitHub's documented examples.
/// </summary>
internal static class OrganizationJsonWriter
{
    public static void WriteSimple(Utf8JsonWriter w, JsonContext ctx, OrganizationView org)
    {
        w.WriteStartObject();
        WriteFields(w, ctx, org);
        w.WriteEndObject();
    }

    /// <summary>Writes <c>"organization": {...}</c> as a team shows it.</summary>
    public static void WriteTeamOrganization(Utf8JsonWriter w, JsonContext ctx, OrganizationView org)
    {
        Span<byte> s = stackalloc byte[512];
        w.WriteStartObject("organization"u8);
        WriteFields(w, ctx, org);
        w.WriteString("name"u8, org.Login);
        w.WriteNull("company"u8);
        w.WriteString("blog"u8, ""u8);
        w.WriteNull("location"u8);
        w.WriteNull("email"u8);
        w.WriteBoolean("is_verified"u8, false);
        w.WriteBoolean("has_organization_projects"u8, true);
        w.WriteBoolean("has_repository_projects"u8, true);
        w.WriteNumber("public_repos"u8, org.PublicRepos);
        w.WriteNumber("public_gists"u8, 0);
        w.WriteNumber("followers"u8, 0);
        w.WriteNumber("following"u8, 0);
        w.WriteUtf8("html_url"u8, s, $"{ctx.Html}{org.Login}");
        w.WriteTime("created_at"u8, org.CreatedAt);
        w.WriteString("type"u8, AccountTypes.Organization);
        w.WriteTime("updated_at"u8, org.CreatedAt);
        w.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter w, JsonContext ctx, OrganizationView org)
    {
        Span<byte> s = stackalloc byte[512];
        string api = ctx.Api + "orgs/" + Uri.EscapeDataString(org.Login);
        w.WriteString("login"u8, org.Login);
        w.WriteNumber("id"u8, org.Id);
        w.WriteNodeId(AccountTypes.Organization, org.Id);
        w.WriteString("url"u8, api);
        w.WriteUtf8("repos_url"u8, s, $"{api}/repos");
        w.WriteUtf8("events_url"u8, s, $"{api}/events");
        w.WriteUtf8("hooks_url"u8, s, $"{api}/hooks");
        w.WriteUtf8("issues_url"u8, s, $"{api}/issues");
        w.WriteUtf8("members_url"u8, s, $"{api}/members{{/member}}");
        w.WriteUtf8("public_members_url"u8, s, $"{api}/public_members{{/member}}");
        w.WriteUtf8("avatar_url"u8, s, $"{ctx.Html}avatars/u/{org.Id}?v=4");
        w.WriteNull("description"u8);
    }
}

/// <summary>An organization as the JSON shows it: its account's login and id when the world has one, else made-up ones.</summary>
internal sealed record OrganizationView(string Login, long Id, DateTime CreatedAt, int PublicRepos);
