using Health.Core.GitHub.Dto;
using Health.Core.Storage;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// What a stream handler needs to store one page. Handlers read and stage; the staged writes run later,
/// together, in the page's transaction (see <see cref="StreamPass{T, TChildren}"/>).
/// </summary>
internal sealed class PageContext(HealthDb db, int repositoryId, SyncCounts counts)
{
    private readonly List<Func<CancellationToken, Task>> _writes = [];

    public HealthDb Db => db;

    public int RepositoryId => repositoryId;

    public SyncCounts Counts => counts;

    /// <summary>Accounts met on the page; upserted in the page's transaction (see <see cref="AccountUpserter"/>).</summary>
    public List<UserDto?> Accounts { get; } = [];

    public IReadOnlyList<Func<CancellationToken, Task>> Writes => _writes;

    /// <summary>The numbers of the pull requests and issues the page wrote or wrote children of: their facts are derived again.</summary>
    public HashSet<int> Touched { get; } = [];

    /// <summary>
    /// Stages an upsert of <paramref name="rows"/>, of which <paramref name="existing"/> are already stored; counts what it adds and
    /// changes. With <paramref name="newerOnly"/>, a stored row changed later than the incoming one is kept (see <see cref="BulkUpsert"/>).
    /// </summary>
    public void Upsert<T>(string kind, IReadOnlyCollection<T> rows, int existing, IReadOnlySet<string>? keepWhenNull = null, string? newerOnly = null)
        where T : class =>
        _writes.Add(async ct =>
        {
            var affected = await BulkUpsert.UpsertAsync(db, rows, keepWhenNull, ct, newerOnly);
            var added = rows.Count - existing;
            counts.Add(kind, added, Math.Max(0, affected - added));
        });

    public void Write(Func<CancellationToken, Task> write) => _writes.Add(write);
}
