using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// Where a <see cref="StreamPass{T}"/> reads one stream from, newest update first: REST's pages (<see cref="RestSource{T}"/>)
/// or GraphQL's (with the children nested). The pass owns the checkpoint rules; the source knows how to ask and how to store.
/// </summary>
internal interface IPageSource<T>
{
    SyncStream Stream { get; }

    /// <summary>What a person calls these items, for progress lines.</summary>
    string Label { get; }

    /// <summary>Called once as a pass starts or resumes, with the stream's cursor (a source may size its pages by what is known).</summary>
    void Begin(SyncCursor cursor)
    {
    }

    /// <summary>Where this source's unfinished pass stopped, or null to start a pass (a pass of the other API is abandoned).</summary>
    string? SavedPosition(SyncCursor cursor);

    /// <summary>Stores the position after a saved page (null: the pass is complete), clearing the other API's.</summary>
    void SetPosition(SyncCursor cursor, string? next);

    /// <summary>The page at <paramref name="position"/> (null: the first, conditional on <paramref name="ifNoneMatch"/>), with everything it needs stored.</summary>
    Task<SourcePage<T>> ReadAsync(string? position, string? ifNoneMatch, CancellationToken ct);

    DateTime? UpdatedAt(T item);

    /// <summary>Stages the page's rows (and its children) in <see cref="PageContext.Db"/>; the caller saves.</summary>
    Task ApplyAsync(PageContext context, SourcePage<T> page, CancellationToken ct);
}

/// <summary>One page as a source read it: its items, what else was read for them, and where the next page is.</summary>
internal sealed record SourcePage<T>(
    IReadOnlyList<T> Items,
    object? Children,
    bool NotModified,
    string? ETag,
    string? Next,
    int? TotalPages,
    DateTime ServerDate)
{
    public static SourcePage<T> Unchanged(string? etag, DateTime serverDate) => new([], null, true, etag, null, null, serverDate);
}
