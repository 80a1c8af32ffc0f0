using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Health.Core.GitHub.Sync;

/// <summary>The state one repository sync shares across its streams: the API, the counts, the progress.</summary>
internal sealed class SyncContext(
    int repositoryId,
    RepositoryName repository,
    GitHubApi api,
    GitHubOptions options,
    BotPolicy bots,
    ILogger logger,
    IProgress<SyncProgress>? progress)
{
    private static readonly HashSet<Type> Bookkeeping = [typeof(SyncCursor), typeof(SyncStatus), typeof(TrackedRepository)];

    public int RepositoryId => repositoryId;

    public RepositoryName Repository => repository;

    public GitHubApi Api => api;

    public GitHubOptions Options => options;

    public SyncCounts Counts { get; } = new();

    /// <summary>Index of the stream being read and how many there are, for an overall percentage.</summary>
    public (int Index, int Count) StreamSlot { get; set; } = (0, 1);

    public PageContext PageContext(HealthDb db) => new(db, repositoryId, repository, api, options, bots, Counts, logger);

    /// <summary>Counts the rows a page adds and changes, by kind, before they are saved.</summary>
    public void CountChanges(HealthDb db)
    {
        foreach (var group in db.ChangeTracker.Entries().Where(e => !Bookkeeping.Contains(e.Metadata.ClrType)).GroupBy(e => e.Metadata.ClrType.Name))
        {
            Counts.Add(group.Key, group.Count(e => e.State == EntityState.Added), group.Count(e => e.State == EntityState.Modified));
        }
    }

    public async Task StageStatusAsync(HealthDb db, string label, SyncCursor cursor, CancellationToken ct)
    {
        var status = await db.SyncStatuses.SingleAsync(s => s.RepositoryId == repositoryId, ct);
        status.Percent = Percent(cursor);
        status.ItemsSoFar = Counts.Added + Counts.Updated;
        status.Requests = api.Stats.Requests;
        status.NotModified = api.Stats.NotModified;
        status.RateLimitRemaining = api.Stats.RateLimitRemaining >= 0 ? api.Stats.RateLimitRemaining : status.RateLimitRemaining;
    }

    public void Report(string label, SyncCursor cursor, string? message) =>
        progress?.Report(new SyncProgress(label, cursor.PassPages, cursor.PassTotalPages, cursor.PassItems, Percent(cursor), message));

    public void ReportWait(string message) =>
        progress?.Report(new SyncProgress("rate limit", 0, null, 0, null, message));

    private double Percent(SyncCursor cursor)
    {
        var within = cursor.NextPageUrl is null ? 1.0 : Math.Min(1.0, cursor.PassPages / (double)Math.Max(1, cursor.PassTotalPages ?? 1));
        return Math.Round(100.0 * (StreamSlot.Index + within) / StreamSlot.Count, 1);
    }
}
