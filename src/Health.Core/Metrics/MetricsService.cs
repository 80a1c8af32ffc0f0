using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Health.Core.Metrics;

/// <summary>
/// Computes the metrics of tracked repositories: one repository at a time, or a group pooled together.
/// The facts read for a repository set are kept until a sync of one of them finishes (or the bot rules change),
/// so a page view recomputes every figure from memory. <see cref="WarmAsync"/> reads a repository's facts again as
/// soon as its sync finishes, so the first view after a sync need not (the dashboard's facts warmer calls it).
/// </summary>
public sealed class MetricsService(IDbContextFactory<HealthDb> dbFactory, DerivedFacts derived, TimeProvider time, IOptions<MetricsOptions> options) : IDisposable
{
    /// <summary>The facts of each repository set, sized by their rows and bounded by <see cref="MetricsOptions.CacheRows"/>.</summary>
    private readonly MemoryCache _facts = new(new MemoryCacheOptions { SizeLimit = options.Value.CacheRows });
    private int _loads;

    /// <summary>Rows for one repository (its <c>owner/name</c> as label).</summary>
    public Task<IReadOnlyList<MetricsRow>> ForRepositoryAsync(int repositoryId, string label, PeriodKind kind, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        ForGroupAsync([repositoryId], label, kind, from, to, ct);

    /// <summary>Rows for a group: counts summed, durations pooled before the median, contributors counted once.</summary>
    public async Task<IReadOnlyList<MetricsRow>> ForGroupAsync(IReadOnlyCollection<int> repositoryIds, string label, PeriodKind kind, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var facts = await FactsAsync(repositoryIds, ct);
        return MetricsCalculator.Compute(label, facts, kind, time.GetUtcNow().UtcDateTime, from, to);
    }

    /// <summary>Reads a repository's facts into memory now if what is kept is not of its latest sync.</summary>
    public Task WarmAsync(int repositoryId, CancellationToken ct) => FactsAsync([repositoryId], ct);

    /// <summary>How many times facts were read from the database (for tests: a warm view reads none).</summary>
    internal int Loads => Volatile.Read(ref _loads);

    private async Task<MetricsFacts> FactsAsync(IReadOnlyCollection<int> repositoryIds, CancellationToken ct)
    {
        var version = await derived.EnsureFreshAsync(repositoryIds, ct);
        var set = string.Join(",", repositoryIds.Order());
        if (_facts.TryGetValue(set, out (string Version, MetricsFacts Facts) cached) && cached.Version == version)
        {
            return cached.Facts;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var facts = await FactsLoader.LoadAsync(db, repositoryIds, ct);
        Interlocked.Increment(ref _loads);
        _facts.Set(set, (version, facts), new MemoryCacheEntryOptions { Size = Math.Max(1, facts.PullRequests.Count + facts.Issues.Count + facts.Activity.Count) });
        return facts;
    }

    /// <summary>Whether the facts of <paramref name="repositoryIds"/> are in memory (any version), for tests.</summary>
    internal bool Holds(IReadOnlyCollection<int> repositoryIds) => _facts.TryGetValue(string.Join(",", repositoryIds.Order()), out _);

    public void Dispose() => _facts.Dispose();
}
