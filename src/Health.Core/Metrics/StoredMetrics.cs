using System.Globalization;
using System.Text.Json;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Metrics;

/// <summary>
/// One range of metrics rows per repository kept in the database (the overview's: its cards must show at once after a start,
/// while the facts of every repository are still being read into memory). <see cref="StoreAsync"/> writes them in the
/// background from the facts in memory; <see cref="RowsAsync"/> gives them while they are of the facts' current version, else
/// computes as <see cref="MetricsService"/> does. The rows come from the same calculator, so they are the same rows.
/// </summary>
public sealed class StoredMetrics(IDbContextFactory<HealthDb> dbFactory, MetricsService metrics, DerivedFacts derived, WriteGate writeGate)
{
    /// <summary>The repository's rows for the range: from memory if its facts are there, else stored ones of the same version, else computed.</summary>
    public async Task<IReadOnlyList<MetricsRow>> RowsAsync(int repositoryId, string label, PeriodKind kind, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var version = (await derived.VersionsAsync([repositoryId], ct)).Single();
        if (!metrics.HoldsCurrent(version))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var range = Range(kind, from, to);
            var stored = await db.StoredRows.AsNoTracking().SingleOrDefaultAsync(s => s.RepositoryId == repositoryId && s.Range == range, ct);
            if (stored is not null && stored.Version == version.Key && JsonSerializer.Deserialize<List<MetricsRow>>(stored.Rows) is { } rows && rows.All(r => r.Repo == label))
            {
                return rows;
            }
        }

        return await metrics.ForRepositoryAsync(repositoryId, label, kind, from, to, ct);
    }

    /// <summary>
    /// The repository's intake rows for the range when its facts are in memory at their current version (nothing is read),
    /// else null: the overview asks after a start without waiting for the facts, and asks again once they are in.
    /// </summary>
    public async Task<IReadOnlyList<IntakeRow>?> IntakeIfHeldAsync(int repositoryId, string label, PeriodKind kind, DateOnly from, DateOnly to, TimeSpan target, CancellationToken ct)
    {
        var version = (await derived.VersionsAsync([repositoryId], ct)).Single();
        return metrics.HoldsCurrent(version) ? await metrics.IntakeAsync([repositoryId], label, kind, from, to, target, ct) : null;
    }

    /// <summary>Computes the repository's rows for the range and stores them in place of any other range's (one range a repository).</summary>
    public async Task StoreAsync(int repositoryId, string label, PeriodKind kind, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var version = (await derived.VersionsAsync([repositoryId], ct)).Single();
        var range = Range(kind, from, to);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.StoredRows.AsNoTracking().Where(s => s.RepositoryId == repositoryId).Select(s => new { s.Range, s.Version }).SingleOrDefaultAsync(ct);
        if (stored?.Range == range && stored.Version == version.Key)
        {
            return;
        }

        var rows = JsonSerializer.Serialize(await metrics.ForRepositoryAsync(repositoryId, label, kind, from, to, ct));
        using var gate = await writeGate.EnterAsync(ct);
        await db.StoredRows.Where(s => s.RepositoryId == repositoryId).ExecuteDeleteAsync(ct);
        db.StoredRows.Add(new StoredRows { RepositoryId = repositoryId, Range = range, Version = version.Key, Rows = rows });
        await db.SaveChangesAsync(ct);
    }

    private static string Range(PeriodKind kind, DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}");
}
