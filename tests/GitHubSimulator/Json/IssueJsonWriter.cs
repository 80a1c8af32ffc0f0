using System.Text.Json;

namespace GitHubSimulator;

/// <summary>An item of the issues listing (issue-items.json): an issue, or a pull request seen as an issue.</summary>
internal static class IssueJsonWriter
{
    public static void Write(Utf8JsonWriter w, JsonContext ctx, RepoUrls urls, SimRepository repo, object item, int comments)
    {
        if (item is SimPull pull)
        {
            WriteCommon(w, ctx, urls, repo, pull.IssueKey, pull.Number, pull.Title, pull.User, pull.State, comments, pull.CreatedAt, pull.UpdatedAt, pull.ClosedAt, pull.AuthorAssociation, pull);
            WriteTail(w, urls, pull.Number, pull.Body, stateReason: null);
        }
        else
        {
            var issue = (SimIssue)item;
            WriteCommon(w, ctx, urls, repo, issue.Id, issue.Number, issue.Title, issue.User, issue.State, comments, issue.CreatedAt, issue.UpdatedAt, issue.ClosedAt, issue.AuthorAssociation, null);
            WriteTail(w, urls, issue.Number, issue.Body, issue.State == ItemStates.Open ? null : issue.StateReason);
        }
    }

    private static void WriteCommon(
        Utf8JsonWriter w, JsonContext ctx, RepoUrls urls, SimRepository repo, long id, int n, string title, SimAccount? user, string state, int comments,
        DateTime created, DateTime updated, DateTime? closed, string association, SimPull? pull)
    {
        Span<byte> s = stackalloc byte[512];
        string a = urls.Api;
        string h = urls.Html;
        w.WriteStartObject();
        w.WriteUtf8("url"u8, s, $"{a}/issues/{n}");
        w.WriteString("repository_url"u8, a);
        w.WriteUtf8("labels_url"u8, s, $"{a}/issues/{n}/labels{{/name}}");
        w.WriteUtf8("comments_url"u8, s, $"{a}/issues/{n}/comments");
        w.WriteUtf8("events_url"u8, s, $"{a}/issues/{n}/events");
        if (pull is null)
        {
            w.WriteUtf8("html_url"u8, s, $"{h}/issues/{n}");
        }
        else
        {
            w.WriteUtf8("html_url"u8, s, $"{h}/pull/{n}");
        }

        w.WriteNumber("id"u8, id);
        w.WriteNodeId("Issue", id);
        w.WriteNumber("number"u8, n);
        w.WriteString("title"u8, title);
        UserJsonWriter.Write(w, "user"u8, ctx, user);
        LabelJsonWriter.WriteLabels(w, urls, repo, pull?.Labels);
        w.WriteString("state"u8, state);
        w.WriteBoolean("locked"u8, false);
        w.WriteNull("assignee"u8);
        w.WriteStartArray("assignees"u8);
        w.WriteEndArray();
        w.WriteNull("milestone"u8);
        w.WriteNumber("comments"u8, comments);
        w.WriteTime("created_at"u8, created);
        w.WriteTime("updated_at"u8, updated);
        w.WriteTime("closed_at"u8, closed);
        w.WriteString("author_association"u8, association);
        w.WriteNull("type"u8);
        w.WriteNull("active_lock_reason"u8);
        if (pull is not null)
        {
            w.WriteBoolean("draft"u8, pull.Draft);
            w.WriteStartObject("pull_request"u8);
            w.WriteUtf8("url"u8, s, $"{a}/pulls/{n}");
            w.WriteUtf8("html_url"u8, s, $"{h}/pull/{n}");
            w.WriteUtf8("diff_url"u8, s, $"{h}/pull/{n}.diff");
            w.WriteUtf8("patch_url"u8, s, $"{h}/pull/{n}.patch");
            w.WriteTime("merged_at"u8, pull.MergedAt);
            w.WriteEndObject();
        }
    }

    private static void WriteTail(Utf8JsonWriter w, RepoUrls urls, int n, string body, string? stateReason)
    {
        Span<byte> s = stackalloc byte[512];
        w.WriteString("body"u8, body);
        w.WriteNull("closed_by"u8);
        w.WriteReactions(s, $"{urls.Api}/issues/{n}");
        w.WriteUtf8("timeline_url"u8, s, $"{urls.Api}/issues/{n}/timeline");
        w.WriteNull("performed_via_github_app"u8);
        if (stateReason is null)
        {
            w.WriteNull("state_reason"u8);
        }
        else
        {
            w.WriteString("state_reason"u8, stateReason);
        }

        w.WriteEndObject();
    }
}
