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
        var rows = items
            .Where(p => p is { Id: > 0, Number: > 0, CreatedAt: not null, UpdatedAt: not null, State.Length: > 0 })
            .DistinctBy(p => p.Id)
            .Select(p => new PullRequest
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
            })
            .ToList();
        c.Counts.CountMalformed(items.DistinctBy(p => p.Id).Count() - rows.Count);
        c.Accounts.AddRange(items.Select(p => p.User).Concat(reviews.Values.SelectMany(r => r).Select(r => r.User)));
        c.Touched.UnionWith(rows.Select(r => r.Number));
        var ids = rows.Select(r => r.Id).ToList();
        c.Upsert(nameof(PullRequest), rows, await c.Db.PullRequests.CountAsync(p => ids.Contains(p.Id), ct), KeepWhenNull);
        await StageReviewsAsync(c, reviews, ct);
    }

    private static async Task StageReviewsAsync(PageContext c, IReadOnlyDictionary<int, List<ReviewDto>> reviews, CancellationToken ct)
    {
        if (reviews.Count == 0)
        {
            return;
        }

        var all = reviews.SelectMany(r => r.Value.Select(dto => (Number: r.Key, Dto: dto))).ToList();
        var rows = all
            .Where(x => x.Dto is { Id: > 0, State.Length: > 0 })
            .DistinctBy(x => x.Dto.Id)
            .Select(x => new Review
            {
                Id = x.Dto.Id,
                RepositoryId = c.RepositoryId,
                PullNumber = x.Number,
                AuthorId = AccountUpserter.AuthorId(x.Dto.User),
                State = x.Dto.State!,
                SubmittedAt = x.Dto.SubmittedAt,
            })
            .ToList();
        c.Counts.CountMalformed(all.DistinctBy(x => x.Dto.Id).Count() - rows.Count);
        var ids = rows.Select(r => r.Id).ToList();
        var numbers = reviews.Keys.ToList();
        c.Touched.UnionWith(numbers);
        var repositoryId = c.RepositoryId;
        c.Upsert(nameof(Review), rows, await c.Db.Reviews.CountAsync(r => ids.Contains(r.Id), ct));

        // A review no longer listed (a pending review deleted) leaves our copy too.
        c.Write(token => c.Db.Reviews
            .Where(r => r.RepositoryId == repositoryId && numbers.Contains(r.PullNumber) && !ids.Contains(r.Id))
            .ExecuteDeleteAsync(token));
    }
}
