using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Metrics;

/// <summary>Computes the metrics of tracked repositories: one repository at a time, or a group pooled together.</summary>
public sealed class MetricsService(IDbContextFactory<HealthDb> dbFactory, DerivedFacts derived, TimeProvider time)
{
    /// <summary>Rows for one repository (its <c>owner/name</c> as label).</summary>
    public Task<IReadOnlyList<MetricsRow>> ForRepositoryAsync(int repositoryId, string label, PeriodKind kind, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        ForGroupAsync([repositoryId], label, kind, from, to, ct);

    /// <summary>Rows for a group: counts summed, durations pooled before the median, contributors counted once.</summary>
    public async Task<IReadOnlyList<MetricsRow>> ForGroupAsync(IReadOnlyCollection<int> repositoryIds, string label, PeriodKind kind, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        await derived.EnsureFreshAsync(repositoryIds, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var facts = await FactsLoader.LoadAsync(db, repositoryIds, ct);
        return MetricsCalculator.Compute(label, facts, kind, time.GetUtcNow().UtcDateTime, from, to);
    }
}
