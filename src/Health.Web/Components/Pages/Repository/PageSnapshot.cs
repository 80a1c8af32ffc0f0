using System.Collections.Concurrent;
using Health.Core.Dashboard;
using Health.Core.Storage.Entities;
using Health.Web.Components.Charts;

namespace Health.Web.Components.Pages.Repository;

/// <summary>
/// What the prerendered page showed, handed to the interactive page so it starts with the same content instead of a
/// loading state: no flash, no layout shift. Valid only for the same <see cref="Address"/>.
/// </summary>
public sealed record PageSnapshot(
    string Address,
    TrackedRepository? Repository,
    SyncStatus? Status,
    IReadOnlyList<DashboardChart>? Charts,
    ActionLists? Lists,
    RepositoryView? View);

/// <summary>
/// Keeps snapshots between the prerender and the interactive start of the same page, in this server process (Blazor
/// Server runs both here). Only a short token travels through the page's persisted state: the snapshot itself would
/// outgrow the 32 KB a circuit accepts from the browser. A snapshot is taken once, and dropped after two minutes.
/// </summary>
internal static class SnapshotHandoff
{
    private const int MaxEntries = 256;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private static readonly ConcurrentDictionary<string, (long At, PageSnapshot Snapshot)> Entries = new(StringComparer.Ordinal);

    public static string Put(PageSnapshot snapshot, TimeProvider time)
    {
        foreach (var (token, entry) in Entries)
        {
            if (time.GetElapsedTime(entry.At) > Lifetime || Entries.Count > MaxEntries)
            {
                Entries.TryRemove(token, out _);
            }
        }

        var key = Guid.NewGuid().ToString("N");
        Entries[key] = (time.GetTimestamp(), snapshot);
        return key;
    }

    public static PageSnapshot? Take(string? token) =>
        token is not null && Entries.TryRemove(token, out var entry) ? entry.Snapshot : null;
}
