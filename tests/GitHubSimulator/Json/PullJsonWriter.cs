using System.Text.Json;

namespace GitHubSimulator;

/// <summary>A pull request list item (pull-request-simple-items.json): head and base embed the cached repository object.</summary>
internal static class PullJsonWriter
{
    public static void Write(Utf8JsonWriter w, JsonContext ctx, in PullFragments f, SimPull pull, PullCounts? details = null)
    {
        Span<byte> s = stackalloc byte[512];
        Span<byte> headSha = JsonWriting.Sha(stackalloc byte[48], pull.Id, 1);
        string a = f.Urls.Api;
        string h = f.Urls.Html;
        int n = pull.Number;
        w.WriteStartObject();
        w.WriteUtf8("url"u8, s, $"{a}/pulls/{n}");
        w.WriteNumber("id"u8, pull.Id);
        w.WriteNodeId("PullRequest", pull.Id);
        w.WriteUtf8("html_url"u8, s, $"{h}/pull/{n}");
        w.WriteUtf8("diff_url"u8, s, $"{h}/pull/{n}.diff");
        w.WriteUtf8("patch_url"u8, s, $"{h}/pull/{n}.patch");
        w.WriteUtf8("issue_url"u8, s, $"{a}/issues/{n}");
        w.WriteUtf8("commits_url"u8, s, $"{a}/pulls/{n}/commits");
        w.WriteUtf8("review_comments_url"u8, s, $"{a}/pulls/{n}/comments");
        w.WriteUtf8("review_comment_url"u8, s, $"{a}/pulls/comments{{/number}}");
        w.WriteUtf8("comments_url"u8, s, $"{a}/issues/{n}/comments");
        w.WriteUtf8("statuses_url"u8, s, $"{a}/statuses/{headSha}");
        w.WriteNumber("number"u8, n);
        w.WriteString("state"u8, pull.State);
        w.WriteBoolean("locked"u8, false);
        w.WriteString("title"u8, pull.Title);
        UserJsonWriter.Write(w, "user"u8, ctx, pull.User);
        w.WriteString("body"u8, pull.Body);
        LabelJsonWriter.WriteLabels(w, f.Urls, f.Repo, pull.Labels);
        w.WriteNull("milestone"u8);
        w.WriteNull("active_lock_reason"u8);
        w.WriteTime("created_at"u8, pull.CreatedAt);
        w.WriteTime("updated_at"u8, pull.UpdatedAt);
        w.WriteTime("closed_at"u8, pull.ClosedAt);
        w.WriteTime("merged_at"u8, pull.MergedAt);
        w.WriteSha("merge_commit_sha"u8, pull.Id, 2);
        w.WriteNull("assignee"u8);
        w.WriteStartArray("assignees"u8);
        w.WriteEndArray();
        w.WriteStartArray("requested_reviewers"u8);
        w.WriteEndArray();
        w.WriteStartArray("requested_teams"u8);
        w.WriteEndArray();
        WriteBranch(w, s, "head"u8, f, $"pr-{n}", headSha);
        WriteBranch(w, s, "base"u8, f, f.DefaultBranch, JsonWriting.Sha(stackalloc byte[48], pull.Id, 3));
        w.WriteStartObject("_links"u8);
        w.WriteHref("self"u8, s, $"{a}/pulls/{n}");
        w.WriteHref("html"u8, s, $"{h}/pull/{n}");
        w.WriteHref("issue"u8, s, $"{a}/issues/{n}");
        w.WriteHref("comments"u8, s, $"{a}/issues/{n}/comments");
        w.WriteHref("review_comments"u8, s, $"{a}/pulls/{n}/comments");
        w.WriteHref("review_comment"u8, s, $"{a}/pulls/comments{{/number}}");
        w.WriteHref("commits"u8, s, $"{a}/pulls/{n}/commits");
        w.WriteHref("statuses"u8, s, $"{a}/statuses/{headSha}");
        w.WriteEndObject();
        w.WriteString("author_association"u8, pull.AuthorAssociation);
        w.WriteNull("auto_merge"u8);
        w.WriteBoolean("draft"u8, pull.Draft);
        if (details is { } counts)
        {
            WriteDetails(w, pull, counts);
        }

        w.WriteEndObject();
    }

    /// <summary>The fields only <c>GET /repos/{o}/{r}/pulls/{n}</c> has.</summary>
    private static void WriteDetails(Utf8JsonWriter w, SimPull pull, PullCounts counts)
    {
        bool open = pull.State == ItemStates.Open;
        w.WriteBoolean("merged"u8, pull.MergedAt is not null);
        if (open)
        {
            w.WriteBoolean("mergeable"u8, true);
            w.WriteBoolean("rebaseable"u8, true);
            w.WriteString("mergeable_state"u8, "clean"u8);
        }
        else
        {
            w.WriteNull("mergeable"u8);
            w.WriteNull("rebaseable"u8);
            w.WriteString("mergeable_state"u8, "unknown"u8);
        }

        w.WriteNull("merged_by"u8);
        w.WriteNumber("comments"u8, counts.Comments);
        w.WriteNumber("review_comments"u8, counts.ReviewComments);
        w.WriteBoolean("maintainer_can_modify"u8, false);
        int commits = 1 + (int)(pull.Id % 7);
        w.WriteNumber("commits"u8, commits);
        w.WriteNumber("additions"u8, pull.Additions);
        w.WriteNumber("deletions"u8, pull.Deletions);
        w.WriteNumber("changed_files"u8, pull.ChangedFiles);
    }

    private static void WriteBranch(Utf8JsonWriter w, Span<byte> s, ReadOnlySpan<byte> name, in PullFragments f, string branch, ReadOnlySpan<byte> sha)
    {
        w.WriteStartObject(name);
        w.WriteUtf8("label"u8, s, $"{f.OwnerLogin}:{branch}");
        w.WriteString("ref"u8, branch);
        w.WriteString("sha"u8, sha);
        w.WritePropertyName("user"u8);
        w.WriteRawValue(f.OwnerJson, skipInputValidation: true);
        w.WritePropertyName("repo"u8);
        w.WriteRawValue(f.RepoJson, skipInputValidation: true);
        w.WriteEndObject();
    }
}

/// <summary>The conversation sizes shown by the single pull request.</summary>
internal readonly record struct PullCounts(int Comments, int ReviewComments);

/// <summary>What every pull request of one page shares: addresses and the cached owner and repository objects.</summary>
internal readonly record struct PullFragments(SimRepository Repo, RepoUrls Urls, string OwnerLogin, string DefaultBranch, byte[] OwnerJson, byte[] RepoJson);
