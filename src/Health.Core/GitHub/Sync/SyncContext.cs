using System.Collections.Concurrent;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Health.Core.GitHub.Sync;

/// <summary>The state one repository sync shares across its streams (which run side by side): the API, the counts, the progress.</summary>
internal sealed class SyncContext(
    IDbContextFactory<HealthDb> dbFactory,
    WriteGate writeGate,
    int repositoryId,
    RepositoryName repository,
    GitHubApi api,
    GitHubOptions options,
    BotPolicy bots,
    Metrics.DerivationRules derivation,
    ILogger logger,
    IProgress<SyncProgress>? progress)
{
    private static readonly int StreamCount = Enum.GetValues<SyncStream>().Length;

    private readonly ConcurrentDictionary<SyncStream, double> _done = new();

    public IDbContextFactory<HealthDb> DbFactory => dbFactory;

    public WriteGate WriteGate => writeGate;

    public BotPolicy Bots => bots;

    /// <summary>The rules each committed page's facts are derived with.</summary>
    public Metrics.DerivationRules Derivation => derivation;

    public int RepositoryId => repositoryId;

    public RepositoryName Repository => repository;

    public GitHubApi Api => api;

    public GitHubOptions Options => options;

    public ILogger Logger => logger;

    public SyncCounts Counts { get; } = new();

    /// <summary>The sync's time budget (set as the sync starts).</summary>
    public SliceBudget? Slice { get; set; }

    /// <summary>Set when the sync's time budget is spent: each stream stops after the page it is saving, so every slice makes progress.</summary>
    public CancellationToken WindDown => Slice?.WindDown ?? CancellationToken.None;

    /// <summary>A stream stopped early because of <see cref="WindDown"/>: the sync is incomplete and resumes from the checkpoint.</summary>
    public bool StoppedEarly { get; private set; }

    public void MarkStoppedEarly() => StoppedEarly = true;

    /// <summary>Items read by the earlier slices of a backfill this sync continues, so the status shows the running total.</summary>
    public int ItemsBefore { get; set; }

    /// <summary>Overall progress, 0 to 100: the mean of each stream's share of pages read.</summary>
    public double Percent => Math.Round(100.0 * _done.Values.Sum() / StreamCount, 1);

    public PageContext PageContext(HealthDb db) => new(db, repositoryId, Counts);

    /// <summary>Records a stream's progress and stages it in the repository's status row (saved with the page).</summary>
    public async Task StageStatusAsync(HealthDb db, SyncCursor cursor, CancellationToken ct)
    {
        Track(cursor);
        var status = await db.SyncStatuses.SingleAsync(s => s.RepositoryId == repositoryId, ct);
        status.Percent = Percent;
        status.ItemsSoFar = ItemsBefore + Counts.Total;
        status.Requests = api.Stats.Requests;
        status.NotModified = api.Stats.NotModified;
        status.RateLimitRemaining = api.Stats.RateLimitRemaining >= 0 ? api.Stats.RateLimitRemaining : status.RateLimitRemaining;
        status.GraphQLRequests = api.Stats.GraphQLRequests;
        status.Points = api.Stats.Points;
        status.PointsRemaining = api.Stats.GraphQLRemaining >= 0 ? api.Stats.GraphQLRemaining : status.PointsRemaining;
    }

    public void Report(string label, SyncCursor cursor, string? message)
    {
        Track(cursor);
        progress?.Report(new SyncProgress(label, cursor.PassPages, cursor.PassTotalPages, cursor.PassItems, Percent, message));
    }

    public void ReportWait(string message) =>
        progress?.Report(new SyncProgress("rate limit", 0, null, 0, null, message));

    private void Track(SyncCursor cursor) =>
        _done[cursor.Stream] = !cursor.PassInProgress ? 1.0 : Math.Min(1.0, cursor.PassPages / (double)Math.Max(1, cursor.PassTotalPages ?? 1));
}
