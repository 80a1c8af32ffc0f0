using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// Reads one stream, newest first, page by page, and commits each page in one transaction with its cursor.
/// <list type="bullet">
/// <item>A fresh pass sends the last complete pass's first-page ETag: an unchanged stream costs one 304.</item>
/// <item>It stops at the first page whose items are all older than the watermark (the previous pass's start
/// by GitHub's clock, minus an overlap) — but only while the server really returns items newest first.</item>
/// <item>A pass cut short (kill, rate limit, failure) resumes at its saved next-page link; items updated meanwhile
/// are newer than the pass's start, so the next pass reads them.</item>
/// <item>The next page (and its children) is read while the current one is saved: network and database overlap,
/// commits stay in order.</item>
/// <item>When the sync's time budget is spent (<see cref="SyncContext.WindDown"/>) it stops after the page being saved,
/// so a bounded slice always commits at least a page of each stream it reaches.</item>
/// </list>
/// </summary>
internal sealed class StreamPass<T>(IStreamHandler<T> handler, SyncContext sync)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var cursor = await LoadCursorAsync(ct);
        var resuming = cursor.NextPageUrl is { } saved && Uri.TryCreate(saved, UriKind.Absolute, out var savedUri) && LinkGuard.IsUnder(savedUri, sync.Api.BaseAddress);
        Uri? url = resuming ? new Uri(cursor.NextPageUrl!) : new Uri(handler.FirstPage(sync.Repository), UriKind.Relative);
        DateTime? newest = null;
        var ordered = true;
        Task<(ApiPage<T> Page, object? Children)>? ahead = null;
        try
        {
            while (url is not null)
            {
                var (page, children) = await (ahead ?? ReadAsync(url, resuming ? null : cursor.FirstPageETag, ct));
                ahead = null;
                if (page.NotModified)
                {
                    sync.Report(handler.Label, cursor, "not modified");
                    return;
                }

                if (!resuming)
                {
                    cursor.PassStartedAt = page.ServerDate;
                    cursor.PendingETag = page.ETag;
                    cursor.PassTotalPages = page.LastPage ?? 1;
                    cursor.PassPages = 0;
                    cursor.PassItems = 0;
                    resuming = true;
                }

                foreach (var item in page.Items)
                {
                    var updated = handler.UpdatedAt(item);
                    ordered &= updated is null || newest is null || updated <= newest;
                    newest = updated ?? newest;
                }

                var reachedKnown = ordered && cursor.Watermark is { } mark && page.Items.Count > 0 && handler.UpdatedAt(page.Items[^1]) < mark;
                var next = reachedKnown ? null : LinkGuard.Checked(page.Next, sync.Api.BaseAddress);
                ahead = next is null || sync.WindDown.IsCancellationRequested ? null : ReadAsync(next, null, ct);
                await SavePageAsync(cursor, page.Items, children, next, ct);
                if (next is not null && ahead is null)
                {
                    // The time budget is spent: stop at this checkpoint; the next sync resumes from the saved link.
                    sync.MarkStoppedEarly();
                    return;
                }

                url = next;
            }
        }
        finally
        {
            if (ahead is not null)
            {
                // The page read ahead is dropped when this one failed; its error is not the one to report.
                await ahead.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task<(ApiPage<T> Page, object? Children)> ReadAsync(Uri url, string? ifNoneMatch, CancellationToken ct)
    {
        var page = await sync.Api.GetPageAsync<T>(url, ifNoneMatch, ct);
        var children = page.NotModified ? null : await handler.ReadChildrenAsync(sync, page.Items, ct);
        return (page, children);
    }

    private async Task SavePageAsync(SyncCursor cursor, IReadOnlyList<T> items, object? children, Uri? next, CancellationToken ct)
    {
        await using var db = await sync.DbFactory.CreateDbContextAsync(ct);
        var context = sync.PageContext(db);
        await handler.ApplyAsync(context, items, children, ct);

        cursor.PassPages++;
        cursor.PassItems += items.Count;
        if (next is null)
        {
            // The pass is complete: everything updated before it started is known.
            cursor.Watermark = cursor.PassStartedAt - sync.Options.SyncOverlap;
            cursor.FirstPageETag = cursor.PendingETag;
            cursor.NextPageUrl = null;
            cursor.PendingETag = null;
        }
        else
        {
            cursor.NextPageUrl = next.AbsoluteUri;
        }

        db.SyncCursors.Update(cursor);
        await sync.StageStatusAsync(db, cursor, ct);

        // Only the writes hold the database: the reads and the staging above ran outside the transaction
        // (no other sync writes this repository's rows: the lease sees to that).
        using (await sync.WriteGate.EnterAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await AccountUpserter.UpsertAsync(db, context.Accounts, sync.Bots, ct);
            foreach (var write in context.Writes)
            {
                await write(ct);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        sync.Report(handler.Label, cursor, null);
    }

    private async Task<SyncCursor> LoadCursorAsync(CancellationToken ct)
    {
        await using var db = await sync.DbFactory.CreateDbContextAsync(ct);
        var cursor = await db.SyncCursors.AsNoTracking()
            .SingleOrDefaultAsync(c => c.RepositoryId == sync.RepositoryId && c.Stream == handler.Stream, ct);
        if (cursor is null)
        {
            cursor = new SyncCursor { RepositoryId = sync.RepositoryId, Stream = handler.Stream };
            db.SyncCursors.Add(cursor);
            await db.SaveChangesAsync(ct);
        }

        return cursor;
    }
}
