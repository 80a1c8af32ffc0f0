using Health.Core.Storage;
using Health.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Reports.Content;

/// <summary>The repositories a report covers, as (our id, <c>owner/name</c>), and how the report names them.</summary>
public sealed record ResolvedScope(string Label, IReadOnlyList<(int Id, string FullName)> Repositories)
{
    /// <summary>Resolves a stored scope (<c>owner/name, owner/*</c>).</summary>
    public static Task<(ResolvedScope? Scope, string? Error)> ResolveAsync(HealthDb db, string scope, CancellationToken ct)
    {
        var targets = scope.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => TrackTarget.TryParse(text, out var target, out _) ? target : null)
            .OfType<TrackTarget>()
            .ToList();
        return targets.Count == 0
            ? Task.FromResult<(ResolvedScope?, string?)>((null, $"'{scope}' names no repository."))
            : ResolveAsync(db, targets, ct);
    }

    /// <summary>
    /// The repositories <paramref name="targets"/> name: a named repository whatever its tracking (its data may be kept),
    /// and for <c>owner/*</c> every repository of that owner tracked now. The error names the first target that matches nothing.
    /// </summary>
    public static async Task<(ResolvedScope? Scope, string? Error)> ResolveAsync(HealthDb db, IReadOnlyList<TrackTarget> targets, CancellationToken ct)
    {
        var known = await db.Repositories.AsNoTracking().Select(r => new { r.Id, r.Owner, r.Name, r.FullNameKey, r.RemovedAt }).ToListAsync(ct);
        var found = new List<(int Id, string FullName)>();
        foreach (var target in targets)
        {
            var matches = known
                .Where(r => target.Covers(r.FullNameKey) && (target.Repository is not null || r.RemovedAt is null))
                .OrderBy(r => r.FullNameKey, StringComparer.Ordinal)
                .Select(r => (r.Id, $"{r.Owner}/{r.Name}"))
                .ToList();
            if (matches.Count == 0)
            {
                return (null, target.IsOwner
                    ? $"No tracked repository belongs to '{target.Owner}': add its repositories on the Repositories page first."
                    : $"{target} is not tracked: add it on the Repositories page first.");
            }

            found.AddRange(matches);
        }

        var distinct = found.DistinctBy(r => r.Id).ToList();
        return (new ResolvedScope(LabelOf(targets, distinct), distinct), null);
    }

    private static string LabelOf(IReadOnlyList<TrackTarget> targets, List<(int Id, string FullName)> repositories) =>
        targets.Count == 1 ? (targets[0].Repository is null ? $"{targets[0].Owner}/*" : repositories[0].FullName)
        : repositories.Count <= 3 ? string.Join(", ", repositories.Select(r => r.FullName))
        : $"{repositories.Count} repositories";
}
