using Health.Core.Tracking;
using Health.Core.Metrics;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Core.Export;

/// <summary>
/// Turns an <see cref="ExportRequest"/> into rows: resolves the repositories among the tracked ones, then computes from the
/// facts as the database holds them (callers see to stale ones first: <see cref="DerivedFacts.DeriveStaleAsync"/>).
/// </summary>
public sealed class ExportService(IDbContextFactory<HealthDb> dbFactory, MetricsService metrics, IOptions<IntakeOptions> intake)
{
    /// <summary>The exports there are, by the name the CLI and the URLs use.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["metrics", "intake", "prs", "contributors", "cohorts"];

    /// <summary>The exports that are rows a period, which need a period (month or week).</summary>
    public static bool NeedsPeriod(string kind) => kind is "metrics" or "intake";

    /// <summary>Writes the CSV of <paramref name="kind"/>; returns the number of data rows.</summary>
    public async Task<int> WriteAsync(string kind, ExportRequest request, IReadOnlyList<(int Id, string Name)> repositories, TextWriter writer, CancellationToken ct)
    {
        if (kind == "metrics")
        {
            var rows = await MetricsAsync(request, repositories, ct);
            await MetricsCsv.WriteAsync(writer, rows, ct);
            return rows.Count;
        }

        if (kind == "intake")
        {
            var rows = await IntakeAsync(request, repositories, ct);
            await IntakeCsv.WriteAsync(writer, rows, ct);
            return rows.Count;
        }

        if (kind == "cohorts")
        {
            var rows = await CohortsAsync(request, repositories, ct);
            await CohortsCsv.WriteAsync(writer, rows, ct);
            return rows.Count;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (kind == "prs")
        {
            return await PullRequestsCsv.WriteAsync(db, repositories, request.From, request.To, writer, ct);
        }

        if (kind != "contributors")
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown export");
        }

        // Contributors: per repository, or pooled for a group (accounts counted once).
        var sets = request.Group
            ? [(Ids: repositories.Select(r => r.Id).ToList(), Label: GroupLabel(request, repositories))]
            : repositories.Select(r => (Ids: new List<int> { r.Id }, Label: r.Name)).ToList();
        var total = 0;
        var header = true;
        foreach (var (ids, label) in sets)
        {
            total += await ContributorsCsv.WriteAsync(db, ids, label, await LastSyncAsync(db, ids, ct), writer, header, ct);
            header = false;
        }

        await writer.FlushAsync(ct);
        return total;
    }

    private static string GroupLabel(ExportRequest request, IReadOnlyList<(int Id, string Name)> repositories) =>
        request.Org is { } org ? $"{org}/*" : string.Join("+", repositories.Select(r => r.Name));

    /// <summary>The earliest last successful sync of the repositories: a retention figure is final only when it is final for all.</summary>
    private static async Task<DateTime?> LastSyncAsync(HealthDb db, List<int> ids, CancellationToken ct)
    {
        var statuses = await db.SyncStatuses.Where(s => ids.Contains(s.RepositoryId)).Select(s => s.LastSuccessAt).ToListAsync(ct);
        return statuses.Count == ids.Count && statuses.All(s => s is not null) ? statuses.Min() : null;
    }

    /// <summary>
    /// The tracked repositories the request names, as (id, owner/name); an error names the first that is not tracked. Only
    /// those <paramref name="visibility"/> shows are found: a private repository the reader may not see is not tracked, to them.
    /// </summary>
    public async Task<(IReadOnlyList<(int Id, string Name)> Repositories, string? Error)> ResolveAsync(ExportRequest request, RepositoryVisibility visibility, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tracked = await db.Repositories.AsNoTracking().VisibleTo(visibility).Select(r => new { r.Id, r.Owner, r.Name, r.FullNameKey }).ToListAsync(ct);
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

    /// <summary>Intake rows: each repository in turn, or one pooled group when asked.</summary>
    public async Task<IReadOnlyList<IntakeRow>> IntakeAsync(ExportRequest request, IReadOnlyList<(int Id, string Name)> repositories, CancellationToken ct)
    {
        var target = intake.Value.ResponseTarget;
        if (request.Group)
        {
            return await metrics.IntakeAsync(repositories.Select(r => r.Id).ToList(), GroupLabel(request, repositories), request.Period, request.From, request.To, target, ct);
        }

        var rows = new List<IntakeRow>();
        foreach (var (id, name) in repositories)
        {
            rows.AddRange(await metrics.IntakeAsync([id], name, request.Period, request.From, request.To, target, ct));
        }

        return rows;
    }

    /// <summary>Cohort rows: each repository in turn, or one pooled group when asked.</summary>
    public async Task<IReadOnlyList<NewcomerCohortRow>> CohortsAsync(ExportRequest request, IReadOnlyList<(int Id, string Name)> repositories, CancellationToken ct)
    {
        if (request.Group)
        {
            return await metrics.CohortsAsync(repositories.Select(r => r.Id).ToList(), GroupLabel(request, repositories), ct);
        }

        var rows = new List<NewcomerCohortRow>();
        foreach (var (id, name) in repositories)
        {
            rows.AddRange(await metrics.CohortsAsync([id], name, ct));
        }

        return rows;
    }

    /// <summary>Metrics rows: each repository in turn, or one pooled group when asked.</summary>
    public async Task<IReadOnlyList<MetricsRow>> MetricsAsync(ExportRequest request, IReadOnlyList<(int Id, string Name)> repositories, CancellationToken ct)
    {
        if (request.Group)
        {
            return await metrics.ForGroupAsync(repositories.Select(r => r.Id).ToList(), GroupLabel(request, repositories), request.Period, request.From, request.To, ct);
        }

        var rows = new List<MetricsRow>();
        foreach (var (id, name) in repositories)
        {
            rows.AddRange(await metrics.ForRepositoryAsync(id, name, request.Period, request.From, request.To, ct));
        }

        return rows;
    }
}
