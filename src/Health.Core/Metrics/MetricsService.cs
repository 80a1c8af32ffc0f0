using System.Collections.Concurrent;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Metrics;

/// <summary>
/// Computes the metrics of tracked repositories: one repository at a time, or a group pooled together.
/// The facts read for a repository set are kept until a sync of one of them finishes (or the bot rules change),
/// so a page view recomputes every figure from memory; the first view after a sync reads them again.
/// </summary>
public sealed class MetricsService(IDbContextFactory<HealthDb> dbFactory, DerivedFacts derived, TimeProvider time)
{
    private const int MaxCachedSets = 32;
    private readonly ConcurrentDictionary<string, (string Version, MetricsFacts Facts)> _facts = new(StringComparer.Ordinal);

    /// <summary>Rows for one repository (its <c>owner/name</c> as label).</summary>
    public Task<IReadOnlyList<MetricsRow>> ForRepositoryAsync(int repositoryId, string label, PeriodKind kind, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        ForGroupAsync([repositoryId], label, kind, from, to, ct);

    /// <summary>Rows for a group: counts summed, durations pooled before the median, contributors counted once.</summary>
    public async Task<IReadOnlyList<MetricsRow>> ForGroupAsync(IReadOnlyCollection<int> repositoryIds, string label, PeriodKind kind, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var version = await derived.EnsureFreshAsync(repositoryIds, ct);
        var set = string.Join(",", repositoryIds.Order());
        MetricsFacts facts;
        if (_facts.TryGetValue(set, out var cached) && cached.Version == version)
        {
            facts = cached.Facts;
        }
        else
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            facts = await FactsLoader.LoadAsync(db, repositoryIds, ct);
            if (_facts.Count >= MaxCachedSets)
            {
                _facts.Clear();
            }

            _facts[set] = (version, facts);
        }

        return MetricsCalculator.Compute(label, facts, kind, time.GetUtcNow().UtcDateTime, from, to);
    }
}
