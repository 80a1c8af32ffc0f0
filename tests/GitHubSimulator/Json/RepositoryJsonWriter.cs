using System.Text.Json;

namespace GitHubSimulator;

/// <summary>The repository object: the <c>repo</c> of head/base (full=false) and <c>/repos/{o}/{r}</c> (full=true).</summary>
internal static class RepositoryJsonWriter
{
    public static void Write(Utf8JsonWriter w, JsonContext ctx, SimRepository repo, SimAccount owner, int openCount, bool full)
    {
        Span<byte> s = stackalloc byte[512];
        RepoUrls urls = ctx.UrlsOf(repo);
        string a = urls.Api;
        string host = new Uri(ctx.Html).Authority;
        w.WriteStartObject();
        w.WriteNumber("id"u8, repo.Id);
        w.WriteNodeId("Repository", repo.Id);
        w.WriteString("name"u8, repo.Name);
        w.WriteString("full_name"u8, repo.FullName);
        w.WriteBoolean("private"u8, repo.Private);
        UserJsonWriter.Write(w, "owner"u8, ctx, owner);
        w.WriteString("html_url"u8, urls.Html);
        w.WriteString("description"u8, repo.Description);
        w.WriteBoolean("fork"u8, false);
        w.WriteString("url"u8, a);
        w.WriteUtf8("forks_url"u8, s, $"{a}/forks");
        w.WriteUtf8("keys_url"u8, s, $"{a}/keys{{/key_id}}");
        w.WriteUtf8("collaborators_url"u8, s, $"{a}/collaborators{{/collaborator}}");
        w.WriteUtf8("teams_url"u8, s, $"{a}/teams");
        w.WriteUtf8("hooks_url"u8, s, $"{a}/hooks");
        w.WriteUtf8("issue_events_url"u8, s, $"{a}/issues/events{{/number}}");
        w.WriteUtf8("events_url"u8, s, $"{a}/events");
        w.WriteUtf8("assignees_url"u8, s, $"{a}/assignees{{/user}}");
        w.WriteUtf8("branches_url"u8, s, $"{a}/branches{{/branch}}");
        w.WriteUtf8("tags_url"u8, s, $"{a}/tags");
        w.WriteUtf8("blobs_url"u8, s, $"{a}/git/blobs{{/sha}}");
        w.WriteUtf8("git_tags_url"u8, s, $"{a}/git/tags{{/sha}}");
        w.WriteUtf8("git_refs_url"u8, s, $"{a}/git/refs{{/sha}}");
        w.WriteUtf8("trees_url"u8, s, $"{a}/git/trees{{/sha}}");
        w.WriteUtf8("statuses_url"u8, s, $"{a}/statuses/{{sha}}");
        w.WriteUtf8("languages_url"u8, s, $"{a}/languages");
        w.WriteUtf8("stargazers_url"u8, s, $"{a}/stargazers");
        w.WriteUtf8("contributors_url"u8, s, $"{a}/contributors");
        w.WriteUtf8("subscribers_url"u8, s, $"{a}/subscribers");
        w.WriteUtf8("subscription_url"u8, s, $"{a}/subscription");
        w.WriteUtf8("commits_url"u8, s, $"{a}/commits{{/sha}}");
        w.WriteUtf8("git_commits_url"u8, s, $"{a}/git/commits{{/sha}}");
        w.WriteUtf8("comments_url"u8, s, $"{a}/comments{{/number}}");
        w.WriteUtf8("issue_comment_url"u8, s, $"{a}/issues/comments{{/number}}");
        w.WriteUtf8("contents_url"u8, s, $"{a}/contents/{{+path}}");
        w.WriteUtf8("compare_url"u8, s, $"{a}/compare/{{base}}...{{head}}");
        w.WriteUtf8("merges_url"u8, s, $"{a}/merges");
        w.WriteUtf8("archive_url"u8, s, $"{a}/{{archive_format}}{{/ref}}");
        w.WriteUtf8("downloads_url"u8, s, $"{a}/downloads");
        w.WriteUtf8("issues_url"u8, s, $"{a}/issues{{/number}}");
        w.WriteUtf8("pulls_url"u8, s, $"{a}/pulls{{/number}}");
        w.WriteUtf8("milestones_url"u8, s, $"{a}/milestones{{/number}}");
        w.WriteUtf8("notifications_url"u8, s, $"{a}/notifications{{?since,all,participating}}");
        w.WriteUtf8("labels_url"u8, s, $"{a}/labels{{/name}}");
        w.WriteUtf8("releases_url"u8, s, $"{a}/releases{{/id}}");
        w.WriteUtf8("deployments_url"u8, s, $"{a}/deployments");
        w.WriteTime("created_at"u8, repo.CreatedAt);
        w.WriteTime("updated_at"u8, repo.PushedAt);
        w.WriteTime("pushed_at"u8, repo.PushedAt);
        w.WriteUtf8("git_url"u8, s, $"git://{host}/{repo.FullName}.git");
        w.WriteUtf8("ssh_url"u8, s, $"git@{host}:{repo.FullName}.git");
        w.WriteUtf8("clone_url"u8, s, $"{urls.Html}.git");
        w.WriteString("svn_url"u8, urls.Html);
        w.WriteNull("homepage"u8);
        w.WriteNumber("size"u8, 1000 + (repo.Id % 50_000));
        int stars = (int)(repo.Id % 5_000);
        w.WriteNumber("stargazers_count"u8, stars);
        w.WriteNumber("watchers_count"u8, stars);
        w.WriteString("language"u8, "C#"u8);
        w.WriteBoolean("has_issues"u8, true);
        w.WriteBoolean("has_projects"u8, true);
        w.WriteBoolean("has_downloads"u8, true);
        w.WriteBoolean("has_wiki"u8, true);
        w.WriteBoolean("has_pages"u8, false);
        w.WriteBoolean("has_discussions"u8, false);
        int forks = (int)(repo.Id % 400);
        w.WriteNumber("forks_count"u8, forks);
        w.WriteNull("mirror_url"u8);
        w.WriteBoolean("archived"u8, false);
        w.WriteBoolean("disabled"u8, false);
        w.WriteNumber("open_issues_count"u8, openCount);
        WriteLicense(w, ctx);
        w.WriteBoolean("allow_forking"u8, true);
        w.WriteBoolean("is_template"u8, false);
        w.WriteBoolean("web_commit_signoff_required"u8, false);
        w.WriteStartArray("topics"u8);
        w.WriteEndArray();
        w.WriteString("visibility"u8, repo.Private ? "private"u8 : "public"u8);
        w.WriteNumber("forks"u8, forks);
        w.WriteNumber("open_issues"u8, openCount);
        w.WriteNumber("watchers"u8, stars);
        w.WriteString("default_branch"u8, repo.DefaultBranch);
        if (full)
        {
            WriteFullFields(w, ctx, owner);
        }

        w.WriteEndObject();
    }

    private static void WriteFullFields(Utf8JsonWriter w, JsonContext ctx, SimAccount owner)
    {
        w.WriteStartObject("permissions"u8);
        w.WriteBoolean("admin"u8, false);
        w.WriteBoolean("maintain"u8, false);
        w.WriteBoolean("push"u8, false);
        w.WriteBoolean("triage"u8, false);
        w.WriteBoolean("pull"u8, true);
        w.WriteEndObject();
        w.WriteString("temp_clone_token"u8, ""u8);
        w.WriteBoolean("allow_squash_merge"u8, true);
        w.WriteBoolean("allow_merge_commit"u8, true);
        w.WriteBoolean("allow_rebase_merge"u8, true);
        w.WriteBoolean("allow_auto_merge"u8, false);
        w.WriteBoolean("delete_branch_on_merge"u8, true);
        w.WriteBoolean("allow_update_branch"u8, false);
        w.WriteBoolean("use_squash_pr_title_as_default"u8, false);
        w.WriteString("squash_merge_commit_message"u8, "COMMIT_MESSAGES"u8);
        w.WriteString("squash_merge_commit_title"u8, "COMMIT_OR_PR_TITLE"u8);
        w.WriteString("merge_commit_message"u8, "PR_TITLE"u8);
        w.WriteString("merge_commit_title"u8, "MERGE_MESSAGE"u8);
        if (owner.Type == AccountTypes.Organization)
        {
            UserJsonWriter.Write(w, "organization"u8, ctx, owner);
        }

        w.WriteNumber("network_count"u8, 0);
        w.WriteNumber("subscribers_count"u8, 12);
    }

    private static void WriteLicense(Utf8JsonWriter w, JsonContext ctx)
    {
        Span<byte> s = stackalloc byte[256];
        w.WriteStartObject("license"u8);
        w.WriteString("key"u8, "mit"u8);
        w.WriteString("name"u8, "MIT License"u8);
        w.WriteString("spdx_id"u8, "MIT"u8);
        w.WriteUtf8("url"u8, s, $"{ctx.Api}licenses/mit");
        w.WriteString("node_id"u8, "MDc6TGljZW5zZTEz"u8);
        w.WriteEndObject();
    }
}
