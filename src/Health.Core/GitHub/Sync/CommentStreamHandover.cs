using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// The repository-wide comment streams when GraphQL collects. GraphQL nests comments inside their pull requests and issues,
/// so a GraphQL backfill reads them there, not a page at a time; but GraphQL has no repository-wide list by update time,
/// which is the only way an edited comment shows (an edit does not move its issue). So the REST comment streams take over,
/// incrementally, from before the GraphQL backfill began: their first page's ETag and GitHub's clock are taken when the
/// backfill starts, and their watermark is set when both GraphQL passes are complete.
/// </summary>
internal static class CommentStreamHandover
{
    private static readonly (SyncStream Stream, Func<RepositoryName, string> FirstPage)[] Streams =
    [
        (SyncStream.IssueComments, new IssueCommentStream().FirstPage),
        (SyncStream.ReviewComments, new ReviewCommentStream().FirstPage),
    ];

    /// <summary>Whether a comment stream reads through REST in this sync: once it has a watermark (the handover is done).</summary>
    public static async Task<bool> IsHandedOverAsync(SyncContext sync, SyncStream stream, CancellationToken ct)
    {
        await using var db = await sync.DbFactory.CreateDbContextAsync(ct);
        return await db.SyncCursors.AnyAsync(c => c.RepositoryId == sync.RepositoryId && c.Stream == stream && c.Watermark != null, ct);
    }

    /// <summary>Before the GraphQL passes: notes where each comment stream not handed over yet stands (one request each, once).</summary>
    public static async Task PrepareAsync(SyncContext sync, CancellationToken ct)
    {
        foreach (var (stream, firstPage) in Streams)
        {
            await using var db = await sync.DbFactory.CreateDbContextAsync(ct);
            var cursor = await db.SyncCursors.SingleOrDefaultAsync(c => c.RepositoryId == sync.RepositoryId && c.Stream == stream, ct);
            if (cursor is { Watermark: not null } or { PassStartedAt: not null })
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
            if (!cursors.TryGetValue(stream, out var cursor) || cursor.Watermark is not null)
            {
                continue;
            }

            var start = cursor.PassStartedAt is { } at ? at - sync.Options.SyncOverlap : DateTime.MaxValue;
            cursor.Watermark = new[] { pulls, issues, start }.Min();
            cursor.FirstPageETag = cursor.PendingETag;
            cursor.PendingETag = null;
            cursor.NextPageUrl = null;
            cursor.NextCursor = null;
            cursor.PassPages = 0;
            cursor.PassItems = 0;
        }

        await db.SaveChangesAsync(ct);
    }

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
