using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.Sync;

/// <summary>A REST list as a page source: the position is the next page's absolute link, checked to stay under the API root.</summary>
internal sealed class RestSource<T, TChildren>(IStreamHandler<T, TChildren> handler, SyncContext sync) : IPageSource<T, TChildren>
{
    public SyncStream Stream => handler.Stream;

    public string Label => handler.Label;

    public string? SavedPosition(SyncCursor cursor) =>
        cursor.NextPageUrl is { } saved && Uri.TryCreate(saved, UriKind.Absolute, out var uri) && LinkGuard.IsUnder(uri, sync.Api.BaseAddress) ? saved : null;

    public void SetPosition(SyncCursor cursor, string? next)
    {
        cursor.NextPageUrl = next;
        cursor.NextCursor = null;
    }

    public async Task<SourcePage<T, TChildren>> ReadAsync(string? position, string? ifNoneMatch, CancellationToken ct)
    {
        var url = position is null ? new Uri(handler.FirstPage(sync.Repository), UriKind.Relative) : new Uri(position, UriKind.Absolute);
        var page = await sync.Api.GetPageAsync<T>(url, ifNoneMatch, ct);
        if (page.NotModified)
        {
            return SourcePage<T, TChildren>.Unchanged(page.ETag, page.ServerDate);
        }

        var children = await handler.ReadChildrenAsync(sync, page.Items, ct);
        return new SourcePage<T, TChildren>(page.Items, children, false, page.ETag, LinkGuard.Checked(page.Next, sync.Api.BaseAddress)?.AbsoluteUri, page.LastPage, page.ServerDate);
    }

    public DateTime? UpdatedAt(T item) => handler.UpdatedAt(item);

    public Task ApplyAsync(PageContext context, SourcePage<T, TChildren> page, CancellationToken ct) => handler.ApplyAsync(context, page.Items, page.Children, ct);
}
