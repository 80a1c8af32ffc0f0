using System.Text.Json;
using Health.Core.GitHub.Dto;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync.Rows;

/// <summary>
/// Pull requests and their reviews into our rows: the one mapping both collectors use (GraphQL maps its nodes to the
/// REST DTOs at its edge), so both fill the tables with the same values.
/// </summary>
internal static class PullRequestRows
{
    /// <summary>Null keeps the stored value: only a complete read of the reviews moves <c>ReviewsReadAt</c>; REST's list has no sizes.</summary>
    private static readonly HashSet<string> KeepWhenNull =
    [
        nameof(PullRequest.ReviewsReadAt), nameof(PullRequest.Additions), nameof(PullRequest.Deletions), nameof(PullRequest.ChangedFiles),
    ];

    /// <summary>Stages the page's pull requests, and the complete review lists of the PRs in <paramref name="reviews"/> (by number).</summary>
    public static async Task StageAsync(PageContext c, IReadOnlyList<PullDto> items, IReadOnlyDictionary<int, List<ReviewDto>> reviews, CancellationToken ct)
    {
        await PageRows.StageAsync(
            c,
            items,
            p => p.Id,
            p => p is { Id: > 0, Number: > 0, CreatedAt: not null, UpdatedAt: not null, State.Length: > 0 },
            p => new PullRequest
            {
                Id = p.Id,
                RepositoryId = c.RepositoryId,
                Number = p.Number,
                AuthorId = AccountUpserter.AuthorId(p.User),
                Title = p.Title ?? string.Empty,
                State = p.State!,
                Draft = p.Draft ?? false,
                AuthorAssociation = p.AuthorAssociation,
                CreatedAt = p.CreatedAt!.Value,
                UpdatedAt = p.UpdatedAt!.Value,
                ClosedAt = p.ClosedAt,
                MergedAt = p.MergedAt,
                Additions = p.Additions,
                Deletions = p.Deletions,
                ChangedFiles = p.ChangedFiles,
                Body = string.IsNullOrEmpty(p.Body) ? null : p.Body,
                Labels = p.Labels is { } labels ? JsonSerializer.Serialize(labels.Select(l => l.Name).OfType<string>().ToList(), RowsJsonContext.Default.ListString) : null,
                ReviewsReadAt = reviews.ContainsKey(p.Number) ? p.UpdatedAt : null,
            },
            p => p.User,
            r => r.Number,
            c.Db.PullRequests,
            ct,
            KeepWhenNull);
        await StageReviewsAsync(c, reviews, ct);
    }

    private static async Task StageReviewsAsync(PageContext c, IReadOnlyDictionary<int, List<ReviewDto>> reviews, CancellationToken ct)
    {
        if (reviews.Count == 0)
        {
            return;
        }

        var all = reviews.SelectMany(r => r.Value.Select(dto => (Number: r.Key, Dto: dto))).ToList();
        var rows = await PageRows.StageAsync(
            c,
            all,
            x => x.Dto.Id,
            x => x.Dto is { Id: > 0, State.Length: > 0 },
            x => new Review
            {
                Id = x.Dto.Id,
                RepositoryId = c.RepositoryId,
                PullNumber = x.Number,
                AuthorId = AccountUpserter.AuthorId(x.Dto.User),
                State = x.Dto.State!,
                SubmittedAt = x.Dto.SubmittedAt,
            },
            x => x.Dto.User,
            r => r.PullNumber,
            c.Db.Reviews,
            ct);

        // The PRs whose reviews were read are touched even when they have none (one may have been deleted).
        var ids = rows.Select(r => r.Id).ToList();
        var numbers = reviews.Keys.ToList();
        c.Touched.UnionWith(numbers);
        var repositoryId = c.RepositoryId;

        // A review no longer listed (a pending review deleted) leaves our copy too.
        c.Write(token => c.Db.Reviews
            .Where(r => r.RepositoryId == repositoryId && numbers.Contains(r.PullNumber) && !ids.Contains(r.Id))
            .ExecuteDeleteAsync(token));
    }
}
