using System.Text.Json;

namespace GitHubSimulator;

/// <summary>Issue comments (issue-comment-items.json) and review comments (pull-request-review-comment-items.json).</summary>
internal static class CommentJsonWriter
{
    public static void WriteIssueComment(Utf8JsonWriter w, JsonContext ctx, RepoUrls urls, SimIssueComment comment, bool onPull)
    {
        Span<byte> s = stackalloc byte[512];
        int n = comment.IssueNumber;
        w.WriteStartObject();
        w.WriteUtf8("url"u8, s, $"{urls.Api}/issues/comments/{comment.Id}");
        if (onPull)
        {
            w.WriteUtf8("html_url"u8, s, $"{urls.Html}/pull/{n}#issuecomment-{comment.Id}");
        }
        else
        {
            w.WriteUtf8("html_url"u8, s, $"{urls.Html}/issues/{n}#issuecomment-{comment.Id}");
        }

        w.WriteUtf8("issue_url"u8, s, $"{urls.Api}/issues/{n}");
        w.WriteNumber("id"u8, comment.Id);
        w.WriteNodeId("IssueComment", comment.Id);
        UserJsonWriter.Write(w, "user"u8, ctx, comment.User);
        w.WriteTime("created_at"u8, comment.CreatedAt);
        w.WriteTime("updated_at"u8, comment.UpdatedAt);
        w.WriteString("author_association"u8, comment.AuthorAssociation);
        w.WriteString("body"u8, comment.Body);
        w.WriteReactions(s, $"{urls.Api}/issues/comments/{comment.Id}");
        w.WriteNull("performed_via_github_app"u8);
        w.WriteEndObject();
    }

    public static void WriteReviewComment(Utf8JsonWriter w, JsonContext ctx, RepoUrls urls, SimReviewComment comment)
    {
        Span<byte> s = stackalloc byte[512];
        int n = comment.PullNumber;
        long id = comment.Id;
        w.WriteStartObject();
        w.WriteUtf8("url"u8, s, $"{urls.Api}/pulls/comments/{id}");
        if (comment.ReviewId is { } reviewId)
        {
            w.WriteNumber("pull_request_review_id"u8, reviewId);
        }
        else
        {
            w.WriteNull("pull_request_review_id"u8);
        }

        w.WriteNumber("id"u8, id);
        w.WriteNodeId("PullRequestReviewComment", id);
        w.WriteUtf8("diff_hunk"u8, s, $"@@ -{comment.Line},6 +{comment.Line},7 @@ namespace Widgets\n     {{\n+        // changed\n         return value;");
        w.WriteString("path"u8, comment.Path);
        w.WriteNumber("position"u8, 4);
        w.WriteNumber("original_position"u8, 4);
        w.WriteSha("commit_id"u8, id, 6);
        w.WriteSha("original_commit_id"u8, id, 7);
        UserJsonWriter.Write(w, "user"u8, ctx, comment.User);
        w.WriteString("body"u8, comment.Body);
        w.WriteTime("created_at"u8, comment.CreatedAt);
        w.WriteTime("updated_at"u8, comment.UpdatedAt);
        w.WriteUtf8("html_url"u8, s, $"{urls.Html}/pull/{n}#discussion_r{id}");
        w.WriteUtf8("pull_request_url"u8, s, $"{urls.Api}/pulls/{n}");
        w.WriteString("author_association"u8, comment.AuthorAssociation);
        w.WriteStartObject("_links"u8);
        w.WriteHref("self"u8, s, $"{urls.Api}/pulls/comments/{id}");
        w.WriteHref("html"u8, s, $"{urls.Html}/pull/{n}#discussion_r{id}");
        w.WriteHref("pull_request"u8, s, $"{urls.Api}/pulls/{n}");
        w.WriteEndObject();
        w.WriteReactions(s, $"{urls.Api}/pulls/comments/{id}");
        w.WriteNull("start_line"u8);
        w.WriteNull("original_start_line"u8);
        w.WriteNull("start_side"u8);
        w.WriteNumber("line"u8, comment.Line);
        w.WriteNumber("original_line"u8, comment.Line);
        w.WriteString("side"u8, "RIGHT"u8);
        w.WriteString("subject_type"u8, "line"u8);
        w.WriteEndObject();
    }
}
