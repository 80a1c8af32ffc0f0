using System.Collections.Concurrent;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Health.Core.Metrics;

/// <summary>
/// Computes the metrics of tracked repositories: one repository at a time, or a group pooled together.
/// Each repository's facts are kept in memory with the version they stand at; a view reads again only what the syncs
/// derived since (a few rows after an hourly sync), and a group pools its repositories' kept sets instead of reading
/// them again. Nothing here derives: a view shows the facts as the database holds them.
/// </summary>
public sealed partial class MetricsService(
    IDbContextFactory<HealthDb> dbFactory, DerivedFacts derived, TimeProvider time, IOptions<MetricsOptions> options, ILogger<MetricsService>? logger = null) : IDisposable
{
    /// <summary>Each repository's facts, sized by their rows and bounded by <see cref="MetricsOptions.CacheRows"/>.</summary>
    private readonly MemoryCache _facts = new(new MemoryCacheOptions { SizeLimit = options.Value.CacheRows });

    /// <summary>Rows computed for a view, kept while the facts they came from stay at the same versions (each entry is a range's rows).</summary>
    private readonly MemoryCache _rows = new(new MemoryCacheOptions { SizeLimit = MaxRowSets });

    /// <summary>One reader at a time per repository, so that a start's warming and a first view read its facts once.</summary>
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _reading = new();
    private const int MaxRowSets = 512;
    private readonly ConcurrentDictionary<int, byte> _warnedTooLarge = new();
    private int _loads;
    private int _refreshes;

    /// <summary>Rows for one repository (its <c>owner/name</c> as label).</summary>
    public Task<IReadOnlyList<MetricsRow>> ForRepositoryAsync(int repositoryId, string label, PeriodKind kind, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        ForGroupAsync([repositoryId], label, kind, from, to, ct);

    /// <summary>Rows for a group: counts summed, durations pooled before the median, contributors counted once.</summary>
    public Task<IReadOnlyList<MetricsRow>> ForGroupAsync(IReadOnlyCollection<int> repositoryIds, string label, PeriodKind kind, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        ComputeAsync(repositoryIds, $"metrics|{label}|{kind}", from, to, (facts, now) => MetricsCalculator.Compute(label, facts, kind, now, from, to), ct);

    /// <summary>The intake rows of one repository or a pooled group (<paramref name="target"/>: the first-response promise).</summary>
    public Task<IReadOnlyList<IntakeRow>> IntakeAsync(IReadOnlyCollection<int> repositoryIds, string label, PeriodKind kind, DateOnly? from, DateOnly? to, TimeSpan target, CancellationToken ct) =>
        ComputeAsync(repositoryIds, $"intake|{label}|{kind}|{target.Ticks}", from, to, (facts, now) => IntakeCalculator.Compute(label, facts, kind, now, target, from, to), ct);

    /// <summary>The newcomer cohorts of one repository or a pooled group (accounts counted once), from the first cohort to now.</summary>
    public Task<IReadOnlyList<NewcomerCohortRow>> CohortsAsync(IReadOnlyCollection<int> repositoryIds, string label, CancellationToken ct) =>
        ComputeAsync(repositoryIds, $"cohorts|{label}", null, null, (facts, now) => NewcomerCohorts.Compute(label, facts, now), ct);

    /// <summary>
    /// Rows computed from the repositories' kept facts, pooled; kept while those facts stay at the same versions (without a
    /// range the rows run to today, so they are kept only for the day).
    /// </summary>
    private async Task<IReadOnlyList<T>> ComputeAsync<T>(
        IReadOnlyCollection<int> repositoryIds, string what, DateOnly? from, DateOnly? to, Func<MetricsFacts, DateTime, IReadOnlyList<T>> compute, CancellationToken ct)
    {
        var versions = await derived.VersionsAsync(repositoryIds, ct);
        var sets = new List<RepositoryFacts>();
        foreach (var version in versions)
        {
            sets.Add(await RepositoryFactsAsync(version, ct));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var key = $"{what}|{from:O}|{to:O}|{(from is null || to is null ? now.Date.ToString("O") : string.Empty)}|{string.Join(",", sets.Select(f => f.Version.Key))}";
        if (_rows.TryGetValue(key, out IReadOnlyList<T>? rows) && rows is not null)
        {
            return rows;
        }

        rows = compute(RepositoryFacts.Pool(sets), now);
        _rows.Set(key, rows, new MemoryCacheEntryOptions { Size = 1 });
        return rows;
    }

    /// <summary>Brings a repository's facts in memory up to what the database holds now (the dashboard's warmer calls it).</summary>
    public Task WarmAsync(int repositoryId, CancellationToken ct) => FactsOfAsync(repositoryId, ct);

    /// <summary>A repository's facts as the database holds them now, from memory (brought up to date first if a sync moved them on).</summary>
    internal async Task<RepositoryFacts> FactsOfAsync(int repositoryId, CancellationToken ct) =>
        await RepositoryFactsAsync((await derived.VersionsAsync([repositoryId], ct)).Single(), ct);

    /// <summary>How many times a repository's facts were read whole from the database (for tests: a warm view reads none).</summary>
    internal int Loads => Volatile.Read(ref _loads);

    /// <summary>How many times only what was derived since was read.</summary>
    internal int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>Whether the repository's facts in memory are at <paramref name="version"/> (or newer): a view from them reads nothing.</summary>
    internal bool HoldsCurrent(FactsVersion version) => Kept(version.RepositoryId) is { } kept && Covers(kept.Version, version);

    /// <summary>The version of the repository's kept facts, if any are kept (for tests).</summary>
    internal FactsVersion? KeptVersion(int repositoryId) => Kept(repositoryId)?.Version;

    /// <summary>Whether the facts of every one of <paramref name="repositoryIds"/> are in memory (any version), for tests.</summary>
    internal bool Holds(IReadOnlyCollection<int> repositoryIds) => repositoryIds.All(id => _facts.TryGetValue(id, out _));

    /// <summary>The repository's facts at <paramref name="current"/>: as kept, brought up to date, or read whole.</summary>
    private async Task<RepositoryFacts> RepositoryFactsAsync(FactsVersion current, CancellationToken ct)
    {
        var id = current.RepositoryId;
        if (Kept(id) is { } kept && Covers(kept.Version, current))
        {
            return kept;
        }

        var gate = _reading.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            kept = Kept(id);
            if (kept is not null && Covers(kept.Version, current))
            {
                return kept;
            }

            await using var db = await dbFactory.CreateDbContextAsync(ct);
            RepositoryFacts facts;
            // Only what was derived since, laid over the kept facts, unless a whole derivation came in between (seen in the
            // read's own snapshot): then its days and flags may have gone, and only a whole read is right.
            RepositoryFacts.Read? newer = null;
            if (kept is not null && kept.Version.Stale == current.Stale && kept.Version.Whole == current.Whole)
            {
                newer = await FactsLoader.LoadAsync(db, id, derived.CurrentRules, kept.Version.Sequence, ct);
                newer = newer.Version.Stale == kept.Version.Stale && newer.Version.Whole == kept.Version.Whole ? newer : null;
            }

            if (kept is not null && newer is not null)
            {
                facts = kept.Apply(newer);
                Interlocked.Increment(ref _refreshes);
            }
            else
            {
                facts = RepositoryFacts.From(await FactsLoader.LoadAsync(db, id, derived.CurrentRules, since: null, ct));
                Interlocked.Increment(ref _loads);
            }

            if (facts.Rows > options.Value.CacheRows && logger is not null && _warnedTooLarge.TryAdd(id, 0))
            {
                // The cache cannot keep a set larger than itself: every view would read the facts whole again.
                LogTooLarge(logger, id, facts.Rows, options.Value.CacheRows);
            }

            _facts.Set(id, facts, new MemoryCacheEntryOptions { Size = Math.Max(1, facts.Rows) });
            return facts;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether facts read at <paramref name="kept"/> are as new as <paramref name="current"/> (a concurrent read may have kept newer ones).</summary>
    private static bool Covers(FactsVersion kept, FactsVersion current) =>
        kept.Stale == current.Stale && kept.Whole == current.Whole && kept.Sequence >= current.Sequence && kept.LastSuccessAt == current.LastSuccessAt;

    private RepositoryFacts? Kept(int repositoryId) => _facts.TryGetValue(repositoryId, out RepositoryFacts? facts) ? facts : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The facts of repository #{RepositoryId} are {Rows} rows, more than Metrics:CacheRows ({CacheRows}): they cannot be kept, so every view reads them again. Raise Metrics:CacheRows.")]
    private static partial void LogTooLarge(ILogger logger, int repositoryId, int rows, long cacheRows);

    public void Dispose()
    {
        _facts.Dispose();
        _rows.Dispose();
        foreach (var gate in _reading.Values)
        {
            gate.Dispose();
        }
    }
}
