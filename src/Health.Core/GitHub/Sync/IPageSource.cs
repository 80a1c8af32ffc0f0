using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// Where a <see cref="StreamPass{T, TChildren}"/> reads one stream from, newest update first: REST's pages (<see cref="RestSource{T, TChildren}"/>)
/// or GraphQL's (with the children nested). <typeparamref name="TChildren"/> is what a page carries besides its items. The pass owns the checkpoint rules; the source knows how to ask and how to store.
/// </summary>
internal interface IPageSource<T, TChildren>
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
    Task<SourcePage<T, TChildren>> ReadAsync(string? position, string? ifNoneMatch, CancellationToken ct);

    DateTime? UpdatedAt(T item);

    /// <summary>Stages the page's rows (and its children) in <see cref="PageContext.Db"/>; the caller saves.</summary>
    Task ApplyAsync(PageContext context, SourcePage<T, TChildren> page, CancellationToken ct);
}

/// <summary>One page as a source read it: its items, what else was read for them, and where the next page is.</summary>
/// <param name="Children">What was read for the items; the default for an unchanged page (which nothing stores).</param>
internal sealed record SourcePage<T, TChildren>(
    IReadOnlyList<T> Items,
    TChildren Children,
    bool NotModified,
    string? ETag,
    string? Next,
    int? TotalPages,
    DateTime ServerDate)
{
    public static SourcePage<T, TChildren> Unchanged(string? etag, DateTime serverDate) => new([], default!, true, etag, null, null, serverDate);
}
