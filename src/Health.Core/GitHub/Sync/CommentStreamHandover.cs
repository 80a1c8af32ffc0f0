using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// The repository-wide comment streams when GraphQL collects. GraphQL nests comments inside their pull requests and issues,
/// so a GraphQL backfill reads them there, not a page at a time; but GraphQL has no repository-wide list by update time,
/// which is the only way an edited comment shows (an edit does not move its issue). So the REST comment streams take over,
/// incrementally, from before the GraphQL backfill began: their first page's ETag and GitHub's clock are taken when the
/// backfill starts (the stream is then <i>pending</i>), and their watermark is set when both GraphQL passes are complete.
/// <list type="bullet">
/// <item>Only a backfill of both item streams reads every comment, so a stream is made pending only while neither pull
/// requests nor issues are known yet (no watermark). Otherwise — the items were collected through REST, and the stream
/// was not — the comment stream is read through REST as it would be in REST mode.</item>
/// <item>A sync through REST cancels a pending handover: its item passes read no comments, so the REST comment streams
/// read theirs themselves.</item>
/// </list>
/// </summary>
internal static class CommentStreamHandover
{
    private static readonly (SyncStream Stream, Func<RepositoryName, string> FirstPage)[] Streams =
    [
        (SyncStream.IssueComments, new IssueCommentStream().FirstPage),
        (SyncStream.ReviewComments, new ReviewCommentStream().FirstPage),
    ];

    /// <summary>Whether a comment stream reads through REST in this sync of a GraphQL collection: unless its handover is pending.</summary>
    public static async Task<bool> ReadsThroughRestAsync(SyncContext sync, SyncStream stream, CancellationToken ct)
    {
        await using var db = await sync.DbFactory.CreateDbContextAsync(ct);
        var cursor = await db.SyncCursors.AsNoTracking().SingleOrDefaultAsync(c => c.RepositoryId == sync.RepositoryId && c.Stream == stream, ct);
        return cursor is null || !IsPending(cursor);
    }

    /// <summary>Before the GraphQL passes: makes pending each comment stream that a GraphQL backfill will read (one request each, once).</summary>
    public static async Task PrepareAsync(SyncContext sync, CancellationToken ct)
    {
        await using (var check = await sync.DbFactory.CreateDbContextAsync(ct))
        {
            var itemsKnown = await check.SyncCursors.AnyAsync(
                c => c.RepositoryId == sync.RepositoryId && (c.Stream == SyncStream.PullRequests || c.Stream == SyncStream.Issues) && c.Watermark != null,
                ct);
            if (itemsKnown)
            {
                return;
            }
        }

        foreach (var (stream, firstPage) in Streams)
        {
            await using var db = await sync.DbFactory.CreateDbContextAsync(ct);
            var cursor = await db.SyncCursors.SingleOrDefaultAsync(c => c.RepositoryId == sync.RepositoryId && c.Stream == stream, ct);
            if (cursor is { Watermark: not null } or { PassStartedAt: not null } or { PassInProgress: true })
            {
                continue;
            }

            var page = await sync.Api.GetPageAsync<object>(new Uri(firstPage(sync.Repository), UriKind.Relative), null, ct);
            cursor ??= db.SyncCursors.Add(new SyncCursor { RepositoryId = sync.RepositoryId, Stream = stream }).Entity;
            cursor.PassStartedAt = page.ServerDate;
            cursor.PendingETag = page.ETag;
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>After the GraphQL passes: once both are complete, every comment up to their start is known; REST goes on from there.</summary>
    public static async Task CompleteAsync(SyncContext sync, CancellationToken ct)
    {
        await using var db = await sync.DbFactory.CreateDbContextAsync(ct);
        var cursors = await db.SyncCursors.Where(c => c.RepositoryId == sync.RepositoryId).ToDictionaryAsync(c => c.Stream, ct);
        if (!Complete(cursors, SyncStream.PullRequests, out var pulls) || !Complete(cursors, SyncStream.Issues, out var issues))
        {
            return;
        }

        foreach (var (stream, _) in Streams)
        {
            if (!cursors.TryGetValue(stream, out var cursor) || !IsPending(cursor))
            {
                continue;
            }

            cursor.Watermark = new[] { pulls, issues, cursor.PassStartedAt!.Value - sync.Options.SyncOverlap }.Min();
            cursor.FirstPageETag = cursor.PendingETag;
            cursor.PendingETag = null;
            cursor.NextPageUrl = null;
            cursor.NextCursor = null;
            cursor.PassPages = 0;
            cursor.PassItems = 0;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Before a sync through REST: a pending handover is cancelled, and the REST comment streams read from the start.</summary>
    public static async Task CancelPendingAsync(SyncContext sync, CancellationToken ct)
    {
        await using var db = await sync.DbFactory.CreateDbContextAsync(ct);
        var pending = (await db.SyncCursors.Where(c => c.RepositoryId == sync.RepositoryId && (c.Stream == SyncStream.IssueComments || c.Stream == SyncStream.ReviewComments)).ToListAsync(ct))
            .Where(IsPending)
            .ToList();
        foreach (var cursor in pending)
        {
            cursor.PassStartedAt = null;
            cursor.PendingETag = null;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Prepared for a handover that is not done: noted, but neither read through REST nor handed over.</summary>
    private static bool IsPending(SyncCursor cursor) => cursor is { Watermark: null, PassStartedAt: not null, PassInProgress: false };

    private static bool Complete(Dictionary<SyncStream, SyncCursor> cursors, SyncStream stream, out DateTime watermark)
    {
        watermark = default;
        if (cursors.TryGetValue(stream, out var cursor) && cursor is { Watermark: { } mark, PassInProgress: false })
        {
            watermark = mark;
            return true;
        }

        return false;
    }
}
