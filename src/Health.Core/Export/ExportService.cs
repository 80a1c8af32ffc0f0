using Health.Core.Metrics;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Export;

/// <summary>Turns an <see cref="ExportRequest"/> into rows: resolves the repositories among the tracked ones, then computes.</summary>
public sealed class ExportService(IDbContextFactory<HealthDb> dbFactory, MetricsService metrics)
{
    /// <summary>The tracked repositories the request names, as (id, owner/name); an error names the first that is not tracked.</summary>
    public async Task<(IReadOnlyList<(int Id, string Name)> Repositories, string? Error)> ResolveAsync(ExportRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tracked = await db.Repositories.AsNoTracking().Select(r => new { r.Id, r.Owner, r.Name, r.FullNameKey }).ToListAsync(ct);
        if (request.Org is { } org)
        {
            var ofOrg = tracked.Where(r => string.Equals(r.Owner, org, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.FullNameKey, StringComparer.Ordinal).Select(r => (r.Id, $"{r.Owner}/{r.Name}")).ToList();
            return ofOrg.Count == 0 ? ([], $"no tracked repository belongs to '{org}'") : (ofOrg, null);
        }

        var found = new List<(int, string)>();
        foreach (var name in request.Repos)
        {
            var repo = tracked.FirstOrDefault(r => r.FullNameKey == name.Key);
            if (repo is null)
            {
                return ([], $"{name} is not tracked: run 'sync {name}' first");
            }

            found.Add((repo.Id, $"{repo.Owner}/{repo.Name}"));
        }

        return (found.DistinctBy(f => f.Item1).ToList(), null);
    }

    /// <summary>Metrics rows: each repository in turn, or one pooled group when asked.</summary>
    public async Task<IReadOnlyList<MetricsRow>> MetricsAsync(ExportRequest request, IReadOnlyList<(int Id, string Name)> repositories, CancellationToken ct)
    {
        if (request.Group)
        {
            var label = request.Org is { } org ? $"{org}/*" : string.Join("+", repositories.Select(r => r.Name));
            return await metrics.ForGroupAsync(repositories.Select(r => r.Id).ToList(), label, request.Period, request.From, request.To, ct);
        }

        var rows = new List<MetricsRow>();
        foreach (var (id, name) in repositories)
        {
            rows.AddRange(await metrics.ForRepositoryAsync(id, name, request.Period, request.From, request.To, ct));
        }

        return rows;
    }
}
