using System.Text.Json;

namespace GitHubSimulator;

/// <summary>The team-full object of <c>/user/teams</c>, after GitHub's documented example.</summary>
internal static class TeamJsonWriter
{
    public static void Write(Utf8JsonWriter w, JsonContext ctx, SimTeam team, OrganizationView org)
    {
        Span<byte> s = stackalloc byte[512];
        string api = $"{ctx.Api}organizations/{org.Id}/team/{team.Id}";
        w.WriteStartObject();
        w.WriteString("name"u8, team.Slug);
        w.WriteNumber("id"u8, team.Id);
        w.WriteNodeId("Team", team.Id);
        w.WriteString("slug"u8, team.Slug);
        w.WriteNull("description"u8);
        w.WriteString("privacy"u8, "closed"u8);
        w.WriteString("notification_setting"u8, "notifications_enabled"u8);
        w.WriteString("url"u8, api);
        w.WriteUtf8("html_url"u8, s, $"{ctx.Html}orgs/{org.Login}/teams/{team.Slug}");
        w.WriteUtf8("members_url"u8, s, $"{api}/members{{/member}}");
        w.WriteUtf8("repositories_url"u8, s, $"{api}/repos");
        w.WriteString("permission"u8, "pull"u8);
        w.WriteNull("parent"u8);
        w.WriteNumber("members_count"u8, team.Members.Count);
        w.WriteNumber("repos_count"u8, 0);
        w.WriteTime("created_at"u8, team.CreatedAt);
        w.WriteTime("updated_at"u8, team.CreatedAt);
        OrganizationJsonWriter.WriteTeamOrganization(w, ctx, org);
        w.WriteEndObject();
    }
}
