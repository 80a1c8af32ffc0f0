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

    /// <summary>Stages the page's rows (and any children it reads from GitHub) in <see cref="PageContext.Db"/>; the caller saves.</summary>
    Task ApplyAsync(PageContext context, IReadOnlyList<T> items, CancellationToken ct);
}
