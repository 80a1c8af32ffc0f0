using System.Collections.Concurrent;
using Health.Core.GitHub.Dto;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Health.Core.GitHub.Sync;

/// <summary>Pull requests, and the reviews of those that changed since their reviews were last read.</summary>
internal sealed partial class PullRequestStream : IStreamHandler<PullDto>
{
    private static readonly HashSet<string> KeepWhenNull = [nameof(PullRequest.ReviewsReadAt), nameof(PullRequest.Additions), nameof(PullRequest.Deletions)];

    public SyncStream Stream => SyncStream.PullRequests;

    public string Label => "pull requests";

    public string FirstPage(RepositoryName repo) => $"repos/{repo.Owner}/{repo.Name}/pulls?state=all&sort=updated&direction=desc&per_page=100";

    public DateTime? UpdatedAt(PullDto item) => item.UpdatedAt;

    /// <summary>Reads the reviews of the page's PRs that changed since their reviews were last read completely.</summary>
    public async Task<object?> ReadChildrenAsync(SyncContext sync, IReadOnlyList<PullDto> items, CancellationToken ct)
    {
        var ids = items.Select(p => p.Id).ToList();
        Dictionary<long, DateTime?> readAt;
        await using (var db = await sync.DbFactory.CreateDbContextAsync(ct))
        {
            readAt = await db.PullRequests.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.ReviewsReadAt, ct);
        }

        var changed = items.Where(p => p is { Number: > 0, UpdatedAt: not null } && (!readAt.TryGetValue(p.Id, out var at) || at != p.UpdatedAt)).ToList();
        return await ReadReviewsAsync(sync, changed, ct);
    }

    public async Task ApplyAsync(PageContext c, IReadOnlyList<PullDto> items, object? children, CancellationToken ct)
    {
        var reviews = children as ConcurrentDictionary<int, List<ReviewDto>> ?? new();
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

                // Null keeps the stored moment: only a complete read of the reviews moves it.
                ReviewsReadAt = reviews.ContainsKey(p.Number) ? p.UpdatedAt : null,
            })
            .ToList();
        c.Counts.CountMalformed(items.DistinctBy(p => p.Id).Count() - rows.Count);
        c.Accounts.AddRange(items.Select(p => p.User).Concat(reviews.Values.SelectMany(r => r).Select(r => r.User)));
        var ids = rows.Select(r => r.Id).ToList();
        c.Upsert(nameof(PullRequest), rows, await c.Db.PullRequests.CountAsync(p => ids.Contains(p.Id), ct), KeepWhenNull);
        await StageReviewsAsync(c, reviews, ct);
    }

    /// <summary>Reads every page of reviews of the changed PRs, a bounded number at once. A PR gone since the listing (404) is skipped.</summary>
    private static async Task<ConcurrentDictionary<int, List<ReviewDto>>> ReadReviewsAsync(SyncContext c, List<PullDto> changed, CancellationToken ct)
    {
        var result = new ConcurrentDictionary<int, List<ReviewDto>>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = c.Options.Concurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(changed, parallel, async (pr, token) =>
        {
            var all = new List<ReviewDto>();
            Uri? next = new($"repos/{c.Repository.Owner}/{c.Repository.Name}/pulls/{pr.Number}/reviews?per_page=100", UriKind.Relative);
            try
            {
                while (next is not null)
                {
                    var page = await c.Api.GetPageAsync<ReviewDto>(next, null, token);
                    all.AddRange(page.Items);
                    next = LinkGuard.Checked(page.Next, c.Api.BaseAddress);
                }

                result[pr.Number] = all;
            }
            catch (GitHubNotFoundException)
            {
                LogVanished(c.Logger, c.Repository.FullName, pr.Number);
                c.Counts.CountVanished();
            }
        });
        return result;
    }

    private static async Task StageReviewsAsync(PageContext c, ConcurrentDictionary<int, List<ReviewDto>> reviews, CancellationToken ct)
    {
        if (reviews.IsEmpty)
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
        var repositoryId = c.RepositoryId;
        c.Upsert(nameof(Review), rows, await c.Db.Reviews.CountAsync(r => ids.Contains(r.Id), ct));

        // A review no longer listed (a pending review deleted) leaves our copy too.
        c.Write(token => c.Db.Reviews
            .Where(r => r.RepositoryId == repositoryId && numbers.Contains(r.PullNumber) && !ids.Contains(r.Id))
            .ExecuteDeleteAsync(token));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Repository}#{Number} vanished between listing and reading its reviews (404); skipped")]
    private static partial void LogVanished(ILogger logger, string repository, int number);
}
