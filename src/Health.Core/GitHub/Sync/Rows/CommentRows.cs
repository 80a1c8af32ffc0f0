using Health.Core.GitHub.Dto;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync.Rows;

/// <summary>
/// Comments into our rows, for both collectors (which, when GraphQL collects, write them side by side: nested in their
/// parents, and from the REST comment streams; so a comment read earlier never goes back over one read later), each with the number of the issue or pull request it is on (REST reads
/// it from the comment's URL; GraphQL knows the parent it nested the comment in). A comment without a number is malformed.
/// </summary>
internal static class CommentRows
{
    public static async Task StageIssueCommentsAsync(PageContext c, IReadOnlyList<(IssueCommentDto Dto, int? Number)> items, CancellationToken ct)
    {
        var rows = items
            .Where(x => x.Dto is { Id: > 0, CreatedAt: not null, UpdatedAt: not null } && x.Number is not null)
            .DistinctBy(x => x.Dto.Id)
            .Select(x => new IssueComment
            {
                Id = x.Dto.Id,
                RepositoryId = c.RepositoryId,
                Number = x.Number!.Value,
                AuthorId = AccountUpserter.AuthorId(x.Dto.User),
                CreatedAt = x.Dto.CreatedAt!.Value,
                UpdatedAt = x.Dto.UpdatedAt!.Value,
            })
            .ToList();
        c.Counts.CountMalformed(items.DistinctBy(x => x.Dto.Id).Count() - rows.Count);
        c.Accounts.AddRange(items.Select(x => x.Dto.User));
        c.Touched.UnionWith(rows.Select(r => r.Number));
        var ids = rows.Select(r => r.Id).ToList();
        c.Upsert(nameof(IssueComment), rows, ids.Count == 0 ? 0 : await c.Db.IssueComments.CountAsync(i => ids.Contains(i.Id), ct), newerOnly: nameof(IssueComment.UpdatedAt));
    }

    public static async Task StageReviewCommentsAsync(PageContext c, IReadOnlyList<(ReviewCommentDto Dto, int? Number)> items, CancellationToken ct)
    {
        var rows = items
            .Where(x => x.Dto is { Id: > 0, CreatedAt: not null, UpdatedAt: not null } && x.Number is not null)
            .DistinctBy(x => x.Dto.Id)
            .Select(x => new ReviewComment
            {
                Id = x.Dto.Id,
                RepositoryId = c.RepositoryId,
                PullNumber = x.Number!.Value,
                ReviewId = x.Dto.PullRequestReviewId,
                AuthorId = AccountUpserter.AuthorId(x.Dto.User),
                CreatedAt = x.Dto.CreatedAt!.Value,
                UpdatedAt = x.Dto.UpdatedAt!.Value,
            })
            .ToList();
        c.Counts.CountMalformed(items.DistinctBy(x => x.Dto.Id).Count() - rows.Count);
        c.Accounts.AddRange(items.Select(x => x.Dto.User));
        c.Touched.UnionWith(rows.Select(r => r.PullNumber));
        var ids = rows.Select(r => r.Id).ToList();
        c.Upsert(nameof(ReviewComment), rows, ids.Count == 0 ? 0 : await c.Db.ReviewComments.CountAsync(i => ids.Contains(i.Id), ct), newerOnly: nameof(ReviewComment.UpdatedAt));
    }
}
