using Health.Core.Storage.Entities;

namespace Health.Core.Tracking;

/// <summary>
/// Which tracked repositories a reader may see: every public one, and of the private ones all (<see cref="AllPrivate"/>:
/// operators, the CLI, reports) or those GitHub said the reader can read (<see cref="ReadablePrivate"/>, our ids). A
/// repository a reader may not see is answered as one Health does not track.
/// </summary>
public sealed record RepositoryVisibility(bool AllPrivate, IReadOnlySet<int> ReadablePrivate)
{
    /// <summary>Everything tracked: for operators and for what runs on the server itself (CLI, jobs, reports).</summary>
    public static readonly RepositoryVisibility Everything = new(true, new HashSet<int>());

    /// <summary>Public repositories only: an anonymous reader, or one GitHub lets read no private one.</summary>
    public static readonly RepositoryVisibility PublicOnly = new(false, new HashSet<int>());
}

/// <summary>The query form of <see cref="RepositoryVisibility"/>: the filter runs in the database.</summary>
public static class RepositoryVisibilityQueries
{
    public static IQueryable<TrackedRepository> VisibleTo(this IQueryable<TrackedRepository> repositories, RepositoryVisibility visibility)
    {
        if (visibility.AllPrivate)
        {
            return repositories;
        }

        var readable = visibility.ReadablePrivate.ToList();
        return repositories.Where(r => !r.IsPrivate || readable.Contains(r.Id));
    }
}
