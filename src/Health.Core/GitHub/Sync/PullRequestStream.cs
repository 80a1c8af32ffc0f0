using System.Collections.Concurrent;
using Health.Core.GitHub.Dto;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Health.Core.GitHub.Sync;

/// <summary>Pull requests, and the reviews of those that changed since their reviews were last read.</summary>
internal sealed partial class PullRequestStream : IStreamHandler<PullDto>
{
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
        var valid = items.Where(p => p is { Id: > 0, Number: > 0, CreatedAt: not null, UpdatedAt: not null, State.Length: > 0 }).ToList();
        c.Counts.CountMalformed(items.Count - valid.Count);
        var ids = valid.Select(p => p.Id).ToList();
        var existing = await c.Db.PullRequests.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var reviews = children as ConcurrentDictionary<int, List<ReviewDto>> ?? new();
        c.Accounts.AddRange(valid.Select(p => p.User).Concat(reviews.Values.SelectMany(r => r).Select(r => r.User)));

        foreach (var dto in valid)
        {
            if (!existing.TryGetValue(dto.Id, out var pr))
            {
                pr = new PullRequest { Id = dto.Id, RepositoryId = c.RepositoryId, Title = string.Empty, State = string.Empty };
                c.Db.PullRequests.Add(pr);
                existing[dto.Id] = pr;
            }

            pr.Number = dto.Number;
            pr.AuthorId = AccountUpserter.AuthorId(dto.User);
            pr.Title = dto.Title ?? string.Empty;
            pr.State = dto.State!;
            pr.Draft = dto.Draft ?? false;
            pr.AuthorAssociation = dto.AuthorAssociation;
            pr.CreatedAt = dto.CreatedAt!.Value;
            pr.UpdatedAt = dto.UpdatedAt!.Value;
            pr.ClosedAt = dto.ClosedAt;
            pr.MergedAt = dto.MergedAt;
            pr.Additions = dto.Additions ?? pr.Additions;
            pr.Deletions = dto.Deletions ?? pr.Deletions;
            if (reviews.ContainsKey(dto.Number))
            {
                pr.ReviewsReadAt = dto.UpdatedAt;
            }
        }

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

        var numbers = reviews.Keys.ToList();
        var stored = await c.Db.Reviews
            .Where(r => r.RepositoryId == c.RepositoryId && numbers.Contains(r.PullNumber))
            .ToDictionaryAsync(r => r.Id, ct);
        var seen = new HashSet<long>();
        foreach (var (number, list) in reviews)
        {
            foreach (var dto in list)
            {
                if (dto is not { Id: > 0, State.Length: > 0 })
                {
                    c.Counts.CountMalformed();
                    continue;
                }

                if (!seen.Add(dto.Id))
                {
                    continue;
                }

                if (!stored.TryGetValue(dto.Id, out var review))
                {
                    review = new Review { Id = dto.Id, RepositoryId = c.RepositoryId, State = dto.State! };
                    c.Db.Reviews.Add(review);
                }

                review.PullNumber = number;
                review.AuthorId = AccountUpserter.AuthorId(dto.User);
                review.State = dto.State!;
                review.SubmittedAt = dto.SubmittedAt;
            }
        }

        // A review no longer listed (a pending review deleted) leaves our copy too.
        c.Db.Reviews.RemoveRange(stored.Values.Where(r => !seen.Contains(r.Id)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Repository}#{Number} vanished between listing and reading its reviews (404); skipped")]
    private static partial void LogVanished(ILogger logger, string repository, int number);
}
