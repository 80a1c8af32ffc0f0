using Health.Core.Reports.Content;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Core.Tracking;

namespace Health.Core.Reports.Scheduling;

/// <summary>
/// What a schedule covers now: the tracked repositories its scope names, and the parts of its scope that name no tracked
/// repository any more (untracked, or deleted with their data, after the schedule was saved). Its report covers what is
/// tracked; a schedule that covers nothing is reported on the reports page and its job makes nothing.
/// </summary>
public sealed record ScheduleCoverage(IReadOnlyList<TrackTarget> Targets, IReadOnlyList<(int Id, string FullName)> Tracked, IReadOnlyList<TrackTarget> Untracked)
{
    /// <summary>No part of the scope names a tracked repository: there is nothing to report.</summary>
    public bool CoversNothing => Tracked.Count == 0;

    /// <summary>The repositories the report covers, or null when it covers none.</summary>
    public ResolvedScope? Scope => CoversNothing ? null : new ResolvedScope(ResolvedScope.LabelOf(Targets, Tracked), Tracked);

    /// <summary>
    /// What is wrong, in a sentence the reports page shows and the job reports: null when every part of the scope names a
    /// tracked repository.
    /// </summary>
    public string? Problem
    {
        get
        {
            if (Untracked.Count == 0 && !CoversNothing)
            {
                return null;
            }

            var what = string.Join("; ", Untracked.Select(t => t.IsOwner ? $"no repository of '{t.Owner}' is tracked" : $"{t} is not tracked any more"));
            return CoversNothing
                ? $"Covers no tracked repository ({(what.Length == 0 ? "its scope names none" : what)}): nothing is made or sent until one is tracked again on the Repositories page, or the schedule is edited."
                : $"Partly out of date ({what}): the report covers only {string.Join(", ", Tracked.Select(r => r.FullName))}.";
        }
    }

    /// <summary>The coverage of a stored scope (<c>owner/name, owner/*</c>).</summary>
    public static async Task<ScheduleCoverage> OfAsync(HealthDb db, string scope, CancellationToken ct) =>
        Of(scope, await ResolvedScope.KnownAsync(db, ct));

    /// <summary>The coverage of each schedule, by id, from one read of the repositories.</summary>
    public static async Task<IReadOnlyDictionary<int, ScheduleCoverage>> OfAsync(HealthDb db, IEnumerable<ReportSchedule> schedules, CancellationToken ct)
    {
        var known = await ResolvedScope.KnownAsync(db, ct);
        return schedules.ToDictionary(s => s.Id, s => Of(s.Scope, known));
    }

    private static ScheduleCoverage Of(string scope, IReadOnlyList<KnownRepository> known)
    {
        var targets = Parse(scope);
        var (tracked, untracked) = ResolvedScope.Match(targets, known, trackedOnly: true);
        return new ScheduleCoverage(targets, tracked, untracked);
    }

    private static List<TrackTarget> Parse(string scope) =>
        scope.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => TrackTarget.TryParse(text, out var target, out _) ? target : null)
            .OfType<TrackTarget>()
            .ToList();
}
