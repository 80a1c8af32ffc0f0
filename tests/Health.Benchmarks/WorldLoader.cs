using System.Diagnostics;
using GitHubSimulator;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Benchmarks;

/// <summary>
/// Writes a simulated repository into the database the way a complete sync would leave it, without the HTTP round
/// trips: the tracked repository, the accounts met, pull requests (reviews read), reviews the API shows (not PENDING),
/// issue comments, review comments, issues, an Idle sync status, and each stream's cursor with the watermark a complete pass
/// leaves (so that a sync afterwards reads only what changed since, as an hourly one does). Rows go through <see cref="BulkUpsert"/> in
/// transactions of <see cref="ChunkSize"/> rows, <see cref="StatementRows"/> rows a call, as the sync writes its pages.
/// </summary>
internal static class WorldLoader
{
    private const int ChunkSize = 5_000;

    /// <summary><c>GitHub:SyncOverlap</c>'s default: a complete pass sets its watermark this long before its start.</summary>
    private static readonly TimeSpan SyncOverlap = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Rows per upsert statement, about a sync page's worth. Microsoft.Data.Sqlite binds each parameter by name, which
    /// SQLite resolves with a linear search: a statement's cost grows with the square of its parameters, so the
    /// 30,000-parameter statements <see cref="BulkUpsert"/> would make of a 5,000-row call cost seconds each.
    /// </summary>
    private const int StatementRows = 50;

    public sealed record Result(int RepositoryId, string Label, int Accounts, int PullRequests, int Reviews, int IssueComments, int ReviewComments, int Issues, double Seconds);

    /// <param name="now">The moment the simulated sync finished (its status's FinishedAt and LastSuccessAt).</param>
    public static async Task<Result> LoadAsync(IDbContextFactory<HealthDb> dbFactory, SimRepository repo, IReadOnlyCollection<string> extraBotLogins, DateTime now, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var extraBots = new HashSet<string>(extraBotLogins, StringComparer.OrdinalIgnoreCase);
        now = Utc(now);
        int repositoryId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var tracked = new TrackedRepository
            {
                GitHubId = repo.Id,
                Owner = repo.Owner,
                Name = repo.Name,
                FullNameKey = repo.FullName.ToLowerInvariant(),
                AddedAt = now,
            };
            db.Repositories.Add(tracked);
            await db.SaveChangesAsync(ct);
            repositoryId = tracked.Id;
        }

        var visibleReviews = repo.Reviews.Where(r => r.State != ReviewStates.Pending).ToList();
        var accounts = new Dictionary<long, Account>();
        void Meet(SimAccount? user)
        {
            if (user is not null && !accounts.ContainsKey(user.Id))
            {
                accounts[user.Id] = new Account
                {
                    Id = user.Id,
                    Login = user.Login,
                    Type = user.Type,
                    IsBot = user.Type == AccountTypes.Bot || user.Login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase) || extraBots.Contains(user.Login),
                    IsDeleted = string.Equals(user.Login, "ghost", StringComparison.OrdinalIgnoreCase),
                };
            }
        }

        foreach (var p in repo.Pulls)
        {
            Meet(p.User);
        }

        foreach (var r in visibleReviews)
        {
            Meet(r.User);
        }

        foreach (var c in repo.IssueComments)
        {
            Meet(c.User);
        }

        foreach (var c in repo.ReviewComments)
        {
            Meet(c.User);
        }

        foreach (var i in repo.Issues)
        {
            Meet(i.User);
        }

        await WriteAsync(dbFactory, accounts.Values.ToList(), null, ct);
        await WriteAsync(
            dbFactory,
            repo.Pulls.Select(p => new PullRequest
            {
                Id = p.Id,
                RepositoryId = repositoryId,
                Number = p.Number,
                AuthorId = p.User?.Id,
                Title = p.Title,
                State = p.State,
                Draft = p.Draft,
                AuthorAssociation = p.AuthorAssociation,
                CreatedAt = Utc(p.CreatedAt),
                UpdatedAt = Utc(p.UpdatedAt),
                ClosedAt = Utc(p.ClosedAt),
                MergedAt = Utc(p.MergedAt),
                ReviewsReadAt = Utc(p.UpdatedAt),
            }).ToList(),
            null,
            ct);
        await WriteAsync(
            dbFactory,
            visibleReviews.Select(r => new Review
            {
                Id = r.Id,
                RepositoryId = repositoryId,
                PullNumber = r.PullNumber,
                AuthorId = r.User?.Id,
                State = r.State,
                SubmittedAt = Utc(r.SubmittedAt),
            }).ToList(),
            null,
            ct);
        await WriteAsync(
            dbFactory,
            repo.IssueComments.Select(c => new IssueComment
            {
                Id = c.Id,
                RepositoryId = repositoryId,
                Number = c.IssueNumber,
                AuthorId = c.User?.Id,
                CreatedAt = Utc(c.CreatedAt),
                UpdatedAt = Utc(c.UpdatedAt),
            }).ToList(),
            null,
            ct);
        await WriteAsync(
            dbFactory,
            repo.ReviewComments.Select(c => new ReviewComment
            {
                Id = c.Id,
                RepositoryId = repositoryId,
                PullNumber = c.PullNumber,
                ReviewId = c.ReviewId,
                AuthorId = c.User?.Id,
                CreatedAt = Utc(c.CreatedAt),
                UpdatedAt = Utc(c.UpdatedAt),
            }).ToList(),
            null,
            ct);
        await WriteAsync(
            dbFactory,
            repo.Issues.Select(i => new Issue
            {
                Id = i.Id,
                RepositoryId = repositoryId,
                Number = i.Number,
                AuthorId = i.User?.Id,
                Title = i.Title,
                State = i.State,
                AuthorAssociation = i.AuthorAssociation,
                CreatedAt = Utc(i.CreatedAt),
                UpdatedAt = Utc(i.UpdatedAt),
                ClosedAt = Utc(i.ClosedAt),
            }).ToList(),
            null,
            ct);

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.SyncStatuses.Add(new SyncStatus
            {
                RepositoryId = repositoryId,
                State = SyncState.Idle,
                StartedAt = now,
                FinishedAt = now,
                LastSuccessAt = now,
            });

            // Every item updated before the sync's start is known: the watermark its passes leave (less the overlap).
            db.SyncCursors.AddRange(Enum.GetValues<SyncStream>().Select(stream => new SyncCursor
            {
                RepositoryId = repositoryId,
                Stream = stream,
                Watermark = now - SyncOverlap,
            }));
            await db.SaveChangesAsync(ct);
        }

        return new Result(
            repositoryId,
            repo.FullName,
            accounts.Count,
            repo.Pulls.Count,
            visibleReviews.Count,
            repo.IssueComments.Count,
            repo.ReviewComments.Count,
            repo.Issues.Count,
            watch.Elapsed.TotalSeconds);
    }

    /// <summary>Upserts <paramref name="rows"/> a chunk per transaction, like the sync's pages.</summary>
    private static async Task WriteAsync<T>(IDbContextFactory<HealthDb> dbFactory, List<T> rows, IReadOnlySet<string>? keepWhenNull, CancellationToken ct)
        where T : class
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var statement in chunk.Chunk(StatementRows))
            {
                await BulkUpsert.UpsertAsync(db, statement, keepWhenNull, ct);
            }

            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>UTC, truncated to whole seconds, as GitHub sends timestamps.</summary>
    private static DateTime Utc(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
