using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.Sync;

/// <summary>One repository-wide list read sorted by <c>updated</c>, newest first: how to ask for it and how to store a page.</summary>
internal interface IStreamHandler<T>
{
    SyncStream Stream { get; }

    /// <summary>What a person calls these items, for progress lines.</summary>
    string Label { get; }

    /// <summary>The first page, relative to the API root.</summary>
    string FirstPage(GitHub.RepositoryName repo);

    DateTime? UpdatedAt(T item);

    /// <summary>
    /// Reads from GitHub what the page's items need besides themselves (a pull request's reviews). Runs ahead,
    /// while the previous page is being saved. Null when the stream has no children.
    /// </summary>
    Task<object?> ReadChildrenAsync(SyncContext sync, IReadOnlyList<T> items, CancellationToken ct) => Task.FromResult<object?>(null);

    /// <summary>Stages the page's rows (and the children read for it) in <see cref="PageContext.Db"/>; the caller saves.</summary>
    Task ApplyAsync(PageContext context, IReadOnlyList<T> items, object? children, CancellationToken ct);
}
