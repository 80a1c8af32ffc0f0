using System.Collections.Concurrent;
using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Health.Core.GitHub.Sync;

/// <summary>Pull requests, and the reviews of those that changed since their reviews were last read.</summary>
internal sealed partial class PullRequestStream : IStreamHandler<PullDto, IReadOnlyDictionary<int, List<ReviewDto>>>
{
    public SyncStream Stream => SyncStream.PullRequests;

    public string Label => "pull requests";

    public string FirstPage(RepositoryName repo) => $"repos/{repo.Owner}/{repo.Name}/pulls?state=all&sort=updated&direction=desc&per_page=100";

    public DateTime? UpdatedAt(PullDto item) => item.UpdatedAt;

    /// <summary>Reads the reviews of the page's PRs that changed since their reviews were last read completely.</summary>
    public async Task<IReadOnlyDictionary<int, List<ReviewDto>>> ReadChildrenAsync(SyncContext sync, IReadOnlyList<PullDto> items, CancellationToken ct)
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

    public Task ApplyAsync(PageContext c, IReadOnlyList<PullDto> items, IReadOnlyDictionary<int, List<ReviewDto>> children, CancellationToken ct) =>
        PullRequestRows.StageAsync(c, items, children, ct);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Repository}#{Number} vanished between listing and reading its reviews (404); skipped")]
    private static partial void LogVanished(ILogger logger, string repository, int number);
}
