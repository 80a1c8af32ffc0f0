using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.Sync;

/// <summary>Review comments (on a PR's diff), one repository-wide stream; the PR comes from <c>pull_request_url</c>.</summary>
internal sealed class ReviewCommentStream : IStreamHandler<ReviewCommentDto>
{
    public SyncStream Stream => SyncStream.ReviewComments;

    public string Label => "review comments";

    public string FirstPage(RepositoryName repo) => $"repos/{repo.Owner}/{repo.Name}/pulls/comments?sort=updated&direction=desc&per_page=100";

    public DateTime? UpdatedAt(ReviewCommentDto item) => item.UpdatedAt;

    public Task ApplyAsync(PageContext c, IReadOnlyList<ReviewCommentDto> items, CancellationToken ct) =>
        CommentRows.StageReviewCommentsAsync(c, items.Select(i => (i, NumberFromUrl.Parse(i.PullRequestUrl))).ToList(), ct);
}
