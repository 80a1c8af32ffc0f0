using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// One repository-wide list read sorted by <c>updated</c>, newest first: how to ask for it and how to store a page.
/// <typeparamref name="TChildren"/> is what a page's items need read besides themselves (a pull request's reviews), or
/// <see cref="NoChildren"/>.
/// </summary>
internal interface IStreamHandler<T, TChildren>
{
    SyncStream Stream { get; }

    /// <summary>What a person calls these items, for progress lines.</summary>
    string Label { get; }

    /// <summary>The first page, relative to the API root.</summary>
    string FirstPage(GitHub.RepositoryName repo);

    DateTime? UpdatedAt(T item);

    /// <summary>Reads from GitHub what the page's items need besides themselves. Runs ahead, while the previous page is being saved.</summary>
    Task<TChildren> ReadChildrenAsync(SyncContext sync, IReadOnlyList<T> items, CancellationToken ct);

    /// <summary>Stages the page's rows (and the children read for it) in <see cref="PageContext.Db"/>; the caller saves.</summary>
    Task ApplyAsync(PageContext context, IReadOnlyList<T> items, TChildren children, CancellationToken ct);
}

/// <summary>A stream whose items need nothing read besides themselves (issues, comments).</summary>
internal interface IStreamHandler<T> : IStreamHandler<T, NoChildren>
{
    Task<NoChildren> IStreamHandler<T, NoChildren>.ReadChildrenAsync(SyncContext sync, IReadOnlyList<T> items, CancellationToken ct) =>
        Task.FromResult(default(NoChildren));

    Task IStreamHandler<T, NoChildren>.ApplyAsync(PageContext context, IReadOnlyList<T> items, NoChildren children, CancellationToken ct) =>
        ApplyAsync(context, items, ct);

    /// <summary>Stages the page's rows in <see cref="PageContext.Db"/>; the caller saves.</summary>
    Task ApplyAsync(PageContext context, IReadOnlyList<T> items, CancellationToken ct);
}

/// <summary>The children of a stream that has none.</summary>
internal readonly record struct NoChildren;
