using Health.Core.GitHub.Dto;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.Sync.Rows;

/// <summary>
/// Comments into our rows, for both collectors (which, when GraphQL collects, write them side by side: nested in their
/// parents, and from the REST comment streams; so a comment read earlier never goes back over one read later), each with the number of the issue or pull request it is on (REST reads
/// it from the comment's URL; GraphQL knows the parent it nested the comment in). A comment without a number is malformed.
/// </summary>
internal static class CommentRows
{
    public static Task StageIssueCommentsAsync(PageContext c, IReadOnlyList<(IssueCommentDto Dto, int? Number)> items, CancellationToken ct) =>
        PageRows.StageAsync(
            c,
            items,
            x => x.Dto.Id,
            x => x.Dto is { Id: > 0, CreatedAt: not null, UpdatedAt: not null } && x.Number is not null,
            x => new IssueComment
            {
                Id = x.Dto.Id,
                RepositoryId = c.RepositoryId,
                Number = x.Number!.Value,
                AuthorId = AccountUpserter.AuthorId(x.Dto.User),
                CreatedAt = x.Dto.CreatedAt!.Value,
                UpdatedAt = x.Dto.UpdatedAt!.Value,
            },
            x => x.Dto.User,
            r => r.Number,
            c.Db.IssueComments,
            ct,
            newerOnly: nameof(IssueComment.UpdatedAt));

    public static Task StageReviewCommentsAsync(PageContext c, IReadOnlyList<(ReviewCommentDto Dto, int? Number)> items, CancellationToken ct) =>
        PageRows.StageAsync(
            c,
            items,
            x => x.Dto.Id,
            x => x.Dto is { Id: > 0, CreatedAt: not null, UpdatedAt: not null } && x.Number is not null,
            x => new ReviewComment
            {
                Id = x.Dto.Id,
                RepositoryId = c.RepositoryId,
                PullNumber = x.Number!.Value,
                ReviewId = x.Dto.PullRequestReviewId,
                AuthorId = AccountUpserter.AuthorId(x.Dto.User),
                CreatedAt = x.Dto.CreatedAt!.Value,
                UpdatedAt = x.Dto.UpdatedAt!.Value,
            },
            x => x.Dto.User,
            r => r.PullNumber,
            c.Db.ReviewComments,
            ct,
            newerOnly: nameof(ReviewComment.UpdatedAt));
}
