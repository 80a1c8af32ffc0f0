using Health.Core.GitHub.Dto;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>Review comments (on a PR's diff), one repository-wide stream; the PR comes from <c>pull_request_url</c>.</summary>
internal sealed class ReviewCommentStream : IStreamHandler<ReviewCommentDto>
{
    public SyncStream Stream => SyncStream.ReviewComments;

    public string Label => "review comments";

    public string FirstPage(RepositoryName repo) => $"repos/{repo.Owner}/{repo.Name}/pulls/comments?sort=updated&direction=desc&per_page=100";

    public DateTime? UpdatedAt(ReviewCommentDto item) => item.UpdatedAt;

    public async Task ApplyAsync(PageContext c, IReadOnlyList<ReviewCommentDto> items, object? children, CancellationToken ct)
    {
        var rows = items
            .Select(i => (Dto: i, Number: NumberFromUrl.Parse(i.PullRequestUrl)))
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
        c.Counts.CountMalformed(items.DistinctBy(i => i.Id).Count() - rows.Count);
        c.Accounts.AddRange(items.Select(i => i.User));
        var ids = rows.Select(r => r.Id).ToList();
        c.Upsert(nameof(ReviewComment), rows, await c.Db.ReviewComments.CountAsync(i => ids.Contains(i.Id), ct));
    }
}
