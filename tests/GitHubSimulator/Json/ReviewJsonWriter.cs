using System.Text.Json;

namespace GitHubSimulator;

/// <summary>A pull request review (pull-request-review-items.json).</summary>
internal static class ReviewJsonWriter
{
    public static void Write(Utf8JsonWriter w, JsonContext ctx, RepoUrls urls, SimReview review)
    {
        Span<byte> s = stackalloc byte[512];
        int n = review.PullNumber;
        w.WriteStartObject();
        w.WriteNumber("id"u8, review.Id);
        w.WriteNodeId("PullRequestReview", review.Id);
        UserJsonWriter.Write(w, "user"u8, ctx, review.User);
        w.WriteString("body"u8, review.Body);
        w.WriteString("state"u8, review.State);
        w.WriteUtf8("html_url"u8, s, $"{urls.Html}/pull/{n}#pullrequestreview-{review.Id}");
        w.WriteUtf8("pull_request_url"u8, s, $"{urls.Api}/pulls/{n}");
        w.WriteString("author_association"u8, review.AuthorAssociation);
        w.WriteStartObject("_links"u8);
        w.WriteHref("html"u8, s, $"{urls.Html}/pull/{n}#pullrequestreview-{review.Id}");
        w.WriteHref("pull_request"u8, s, $"{urls.Api}/pulls/{n}");
        w.WriteEndObject();
        if (review.SubmittedAt is { } submitted)
        {
            w.WriteTime("submitted_at"u8, submitted);
        }

        w.WriteSha("commit_id"u8, review.Id, 5);
        w.WriteEndObject();
    }
}
