using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>Runs a <see cref="StreamPass{T, TChildren}"/>, its types inferred from the source.</summary>
internal static class StreamPass
{
    public static Task RunAsync<T, TChildren>(IPageSource<T, TChildren> source, SyncContext sync, CancellationToken ct) =>
        new StreamPass<T, TChildren>(source, sync).RunAsync(ct);

    /// <summary>A REST stream's pass.</summary>
    public static Task RunAsync<T, TChildren>(IStreamHandler<T, TChildren> handler, SyncContext sync, CancellationToken ct) =>
        RunAsync(new RestSource<T, TChildren>(handler, sync), sync, ct);
}

/// <summary>
/// Reads one stream, newest first, page by page, and commits each page in one transaction with its cursor.
/// <list type="bullet">
/// <item>A fresh pass sends the last complete pass's first-page ETag: an unchanged stream costs one 304.</item>
/// <item>It stops at the first page whose items are all older than the watermark (the previous pass's start
/// by GitHub's clock, minus an overlap) — but only while the server really returns items newest first.</item>
/// <item>A pass cut short (kill, rate limit, failure) resumes at its saved position (REST's next-page link, GraphQL's cursor); items updated meanwhile
/// are newer than the pass's start, so the next pass reads them.</item>
/// <item>The next page (and its children) is read while the current one is saved: network and database overlap,
/// commits stay in order.</item>
/// <item>When the sync's time budget is spent (<see cref="SyncContext.WindDown"/>) it stops after the page being saved,
/// so a bounded slice always commits at least a page of each stream it reaches.</item>
/// </list>
/// </summary>
internal sealed class StreamPass<T, TChildren>(IPageSource<T, TChildren> source, SyncContext sync)
{
    private SliceBudget.StreamSlice? _slice;

    public async Task RunAsync(CancellationToken ct)
    {
        using var slice = _slice = sync.Slice?.Begin();
        var cursor = await LoadCursorAsync(ct);
        source.Begin(cursor);
        var position = source.SavedPosition(cursor);
        var resuming = position is not null;

        // A pass of the other API left unfinished is started again from the top: its first page may not be the one the ETag names.
        var ifNoneMatch = resuming || cursor.PassInProgress ? null : cursor.FirstPageETag;
        DateTime? newest = null;
        var ordered = true;
        Task<SourcePage<T, TChildren>>? ahead = null;
        try
        {
            while (true)
            {
                var page = await (ahead ?? source.ReadAsync(position, ifNoneMatch, ct));
                ahead = null;
                if (page.NotModified)
                {
                    sync.Report(source.Label, cursor, "not modified");
                    return;
                }

                if (!resuming)
                {
                    cursor.PassStartedAt = page.ServerDate;
                    cursor.PendingETag = page.ETag;
                    cursor.PassTotalPages = page.TotalPages ?? 1;
                    cursor.PassPages = 0;
                    cursor.PassItems = 0;
                    resuming = true;
                }

                foreach (var item in page.Items)
                {
                    var updated = source.UpdatedAt(item);
                    ordered &= updated is null || newest is null || updated <= newest;
                    newest = updated ?? newest;
                }

                var reachedKnown = ordered && cursor.Watermark is { } mark && page.Items.Count > 0 && source.UpdatedAt(page.Items[^1]) < mark;
                var next = reachedKnown ? null : page.Next;
                ahead = next is null || sync.WindDown.IsCancellationRequested ? null : source.ReadAsync(next, null, ct);
                await SavePageAsync(cursor, page, next, ct);
                if (next is null)
                {
                    return;
                }

                if (ahead is null)
                {
                    // The time budget is spent: stop at this checkpoint; the next sync resumes from the saved position.
                    sync.MarkStoppedEarly();
                    return;
                }

                position = next;
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

    private async Task SavePageAsync(SyncCursor cursor, SourcePage<T, TChildren> page, string? next, CancellationToken ct)
    {
        await using var db = await sync.DbFactory.CreateDbContextAsync(ct);
        var context = sync.PageContext(db);
        await source.ApplyAsync(context, page, ct);

        cursor.PassPages++;
        cursor.PassItems += page.Items.Count;
        source.SetPosition(cursor, next);
        if (next is null)
        {
            // The pass is complete: everything updated before it started is known.
            cursor.Watermark = cursor.PassStartedAt - sync.Options.SyncOverlap;
            cursor.FirstPageETag = cursor.PendingETag;
            cursor.PendingETag = null;
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

            // The facts of what the page touched move with it: derived in its transaction, never half-applied.
            await Metrics.DerivedFacts.DeriveTouchedAsync(db, sync.RepositoryId, context.Touched, sync.Derivation, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        _slice?.PageSaved();

        sync.Report(source.Label, cursor, null);
    }

    private async Task<SyncCursor> LoadCursorAsync(CancellationToken ct)
    {
        await using var db = await sync.DbFactory.CreateDbContextAsync(ct);
        var cursor = await db.SyncCursors.AsNoTracking()
            .SingleOrDefaultAsync(c => c.RepositoryId == sync.RepositoryId && c.Stream == source.Stream, ct);
        if (cursor is null)
        {
            cursor = new SyncCursor { RepositoryId = sync.RepositoryId, Stream = source.Stream };
            db.SyncCursors.Add(cursor);
            await db.SaveChangesAsync(ct);
        }

        return cursor;
    }
}
