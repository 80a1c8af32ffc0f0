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
        var valid = items
            .Select(i => (Dto: i, Number: NumberFromUrl.Parse(i.PullRequestUrl)))
            .Where(x => x.Dto is { Id: > 0, CreatedAt: not null, UpdatedAt: not null } && x.Number is not null)
            .ToList();
        c.Counts.CountMalformed(items.Count - valid.Count);
        var ids = valid.Select(x => x.Dto.Id).ToList();
        var existing = await c.Db.ReviewComments.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        c.Accounts.AddRange(valid.Select(x => x.Dto.User));
        foreach (var (dto, number) in valid)
        {
            if (!existing.TryGetValue(dto.Id, out var comment))
            {
                comment = new ReviewComment { Id = dto.Id, RepositoryId = c.RepositoryId };
                c.Db.ReviewComments.Add(comment);
                existing[dto.Id] = comment;
            }

            comment.PullNumber = number!.Value;
            comment.ReviewId = dto.PullRequestReviewId;
            comment.AuthorId = AccountUpserter.AuthorId(dto.User);
            comment.CreatedAt = dto.CreatedAt!.Value;
            comment.UpdatedAt = dto.UpdatedAt!.Value;
        }
    }
}
