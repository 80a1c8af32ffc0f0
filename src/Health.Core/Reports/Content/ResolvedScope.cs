using Health.Core.Storage;
using Health.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Reports.Content;

/// <summary>The repositories a report covers, as (our id, <c>owner/name</c>), and how the report names them.</summary>
public sealed record ResolvedScope(string Label, IReadOnlyList<(int Id, string FullName)> Repositories)
{
    /// <summary>
    /// The repositories <paramref name="targets"/> name: a named repository whatever its tracking (its data may be kept),
    /// and for <c>owner/*</c> every repository of that owner tracked now. The error names the first target that matches nothing.
    /// </summary>
    public static Task<(ResolvedScope? Scope, string? Error)> ResolveAsync(HealthDb db, IReadOnlyList<TrackTarget> targets, CancellationToken ct) =>
        ResolveAsync(db, targets, trackedOnly: false, ct);

    /// <summary>
    /// The repositories <paramref name="targets"/> name, tracked now (what a report schedule may cover). The error names the
    /// first target that matches no tracked repository.
    /// </summary>
    public static Task<(ResolvedScope? Scope, string? Error)> ResolveTrackedAsync(HealthDb db, IReadOnlyList<TrackTarget> targets, CancellationToken ct) =>
        ResolveAsync(db, targets, trackedOnly: true, ct);

    /// <summary>How a report names what it covers: one repository by name, an owner as <c>owner/*</c>, a few by name, more by count.</summary>
    internal static string LabelOf(IReadOnlyList<TrackTarget> targets, IReadOnlyList<(int Id, string FullName)> repositories) =>
        targets.Count == 1 ? (targets[0].Repository is null ? $"{targets[0].Owner}/*" : repositories[0].FullName)
        : repositories.Count <= 3 ? string.Join(", ", repositories.Select(r => r.FullName))
        : $"{repositories.Count} repositories";

    /// <summary>Every repository in the database, tracked or not, for <see cref="Match"/>.</summary>
    internal static Task<List<KnownRepository>> KnownAsync(HealthDb db, CancellationToken ct) =>
        db.Repositories.AsNoTracking().Select(r => new KnownRepository(r.Id, r.Owner, r.Name, r.FullNameKey, r.RemovedAt)).ToListAsync(ct);

    /// <summary>The repositories each target names (in name order, without repeats), and the targets that name none.</summary>
    /// <param name="trackedOnly">Whether a named repository counts only while tracked (an owner's always do).</param>
    internal static (List<(int Id, string FullName)> Found, List<TrackTarget> Unmatched) Match(
        IReadOnlyList<TrackTarget> targets, IReadOnlyList<KnownRepository> known, bool trackedOnly)
    {
        var found = new List<(int Id, string FullName)>();
        var unmatched = new List<TrackTarget>();
        foreach (var target in targets)
        {
            var matches = known
                .Where(r => target.Covers(r.FullNameKey) && (r.RemovedAt is null || (target.Repository is not null && !trackedOnly)))
                .OrderBy(r => r.FullNameKey, StringComparer.Ordinal)
                .Select(r => (r.Id, $"{r.Owner}/{r.Name}"))
                .ToList();
            if (matches.Count == 0)
            {
                unmatched.Add(target);
            }

            found.AddRange(matches);
        }

        return (found.DistinctBy(r => r.Id).ToList(), unmatched);
    }

    private static async Task<(ResolvedScope? Scope, string? Error)> ResolveAsync(HealthDb db, IReadOnlyList<TrackTarget> targets, bool trackedOnly, CancellationToken ct)
    {
        var (found, unmatched) = Match(targets, await KnownAsync(db, ct), trackedOnly);
        if (unmatched.FirstOrDefault() is { } target)
        {
            return (null, target.IsOwner
                ? $"No tracked repository belongs to '{target.Owner}': add its repositories on the Repositories page first."
                : $"{target} is not tracked: add it on the Repositories page first.");
        }

        return found.Count == 0 ? (null, "Name at least one repository.") : (new ResolvedScope(LabelOf(targets, found), found), null);
    }
}

/// <summary>A repository as <see cref="ResolvedScope.Match"/> needs it: its names, and since when it is not tracked (null: tracked).</summary>
internal sealed record KnownRepository(int Id, string Owner, string Name, string FullNameKey, DateTime? RemovedAt);
