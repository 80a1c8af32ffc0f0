using System.Diagnostics;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// Syncs repositories (tracked by <see cref="Tracking.RepositoryTracker"/>): the one code path behind the <c>sync</c> verb and the background jobs.
/// A sync is a backfill the first time and incremental after; any sync may be cut at any moment and rerun.
/// </summary>
public sealed partial class RepositorySync(
    IDbContextFactory<HealthDb> dbFactory,
    WriteGate writeGate,
    GitHubConnectionFactory connections,
    Identities.IdentityPool identities,
    IOptions<GitHubOptions> options,
    TimeProvider time,
    GitHubStatus status,
    IHttpClientFactory httpClients,
    Metrics.DerivedFacts derived,
    ILogger<RepositorySync> logger,
    IOptions<SyncLeaseOptions> leaseOptions)
{
    /// <summary>
    /// Syncs one repository. With a <paramref name="budget"/>, the sync stops at that point with
    /// <see cref="SyncOutcome.Incomplete"/>: whatever was committed stays, and the next sync resumes from the checkpoint.
    /// <paramref name="mode"/> overrides <see cref="GitHubOptions.Mode"/> for this sync.
    /// </summary>
    public async Task<SyncReport> SyncAsync(int repositoryId, IProgress<SyncProgress>? progress, CancellationToken ct, TimeSpan? budget = null, GitHubMode? mode = null)
    {
        var clock = Stopwatch.StartNew();
        TrackedRepository repo;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            repo = await db.Repositories.AsNoTracking().SingleOrDefaultAsync(r => r.Id == repositoryId, ct)
                ?? throw new InvalidOperationException($"Repository {repositoryId} is not tracked.");
        }

        var name = new RepositoryName(repo.Owner, repo.Name);
        var api = NewApi(name.Owner);
        await using var lease = new SyncLease(dbFactory, time, repositoryId, leaseOptions.Value.Duration);
        if (!await lease.TryAcquireAsync(ct))
        {
            LogSkipped(logger, name.FullName, lease.HeldBy);
            return Report(name, SyncOutcome.Skipped, $"another sync of {name} is running ({lease.HeldBy})", null, new SyncCounts(), api, clock);
        }

        var sync = new SyncContext(dbFactory, writeGate, repositoryId, name, api, options.Value, new BotPolicy(options.Value.ExtraBotLogins), derived.Rules, logger, progress);
        api.WaitReporter = new Progress<string>(sync.ReportWait);
        await SetStatusAsync(repositoryId, s =>
        {
            // A continuation (the last slice ran out of time) keeps the progress shown so far.
            var continuing = s.State == SyncState.Running;
            s.State = SyncState.Running;
            s.StartedAt = continuing ? s.StartedAt ?? time.GetUtcNow().UtcDateTime : time.GetUtcNow().UtcDateTime;
            s.Percent = continuing ? s.Percent : 0;
            s.ItemsSoFar = continuing ? s.ItemsSoFar : 0;
            sync.ItemsBefore = s.ItemsSoFar;
        }, ct);

        // A budget winds the sync down at the next page boundary, and cuts it at twice the budget unless a stream has yet to save its first page.
        using var slice = new SliceBudget(budget, time, ct);
        sync.Slice = slice;

        try
        {
            var graphQL = GraphQLFor(mode ?? options.Value.Mode, api);
            name = await RefreshRepositoryAsync(api, repositoryId, name, repo.ETag, slice.Token);
            await (graphQL is null ? RunRestAsync(sync, slice.Token) : RunGraphQLAsync(sync, graphQL, (mode ?? options.Value.Mode) == GitHubMode.Auto, slice.Token));
            if (sync.StoppedEarly)
            {
                var partial = Report(name, SyncOutcome.Incomplete, null, null, sync.Counts, api, clock);
                await FinishAsync(repositoryId, SyncState.Running, null, null, partial);
                return partial;
            }

            var report = Report(name, SyncOutcome.Succeeded, null, null, sync.Counts, api, clock);
            await FinishAsync(repositoryId, SyncState.Idle, null, null, report);
            return report;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && slice.IsCut)
        {
            // The time budget ran out: the pages committed so far stay; the next slice resumes from the checkpoint.
            var report = Report(name, SyncOutcome.Incomplete, null, null, sync.Counts, api, clock);
            await FinishAsync(repositoryId, SyncState.Running, null, null, report);
            return report;
        }
        catch (RateLimitExhaustedException e)
        {
            var report = Report(name, SyncOutcome.RateLimited, e.Message, e.ResetAt, sync.Counts, api, clock);
            await FinishAsync(repositoryId, SyncState.WaitingForRateLimit, e.Message, e.ResetAt, report);
            return report;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else (GitHub gave up, the database refused a write, a bug) ends this sync as failed, with
            // its message on the repository's status; the pages committed so far stay, and the next sync resumes.
            LogFailed(logger, e, name.FullName);
            var report = Report(name, SyncOutcome.Failed, e.Message, null, sync.Counts, api, clock);
            await FinishAsync(repositoryId, SyncState.Failed, e.Message, null, report);
            return report;
        }
        catch (OperationCanceledException)
        {
            await FinishAsync(repositoryId, SyncState.Failed, "cancelled", null, Report(name, SyncOutcome.Failed, "cancelled", null, sync.Counts, api, clock));
            throw;
        }
    }

    /// <summary>
    /// The client GraphQL collects through, or null when REST collects: <see cref="GitHubMode.Auto"/> takes GraphQL
    /// whenever credentials are set (a token or an app); <see cref="GitHubMode.GraphQL"/> without any is an error (GitHub
    /// answers no anonymous query).
    /// </summary>
    private GraphQL.GraphQLClient? GraphQLFor(GitHubMode mode, GitHubApi api)
    {
        if (mode == GitHubMode.Rest || (mode == GitHubMode.Auto && !identities.HasCredentials))
        {
            return null;
        }

        if (!identities.HasCredentials)
        {
            throw new GitHubAccessException("GitHub's GraphQL API needs a token: set GitHub:Token or the GITHUB_TOKEN environment variable (or GitHub:Tokens, or GitHub:App), or collect through REST (GitHub:Mode=Rest, or sync --mode rest).");
        }

        return new GraphQL.GraphQLClient(httpClients.CreateClient(GraphQL.GraphQLClient.HttpClientName), GraphQL.GraphQLClient.EndpointFor(options.Value), api.Policy);
    }

    /// <summary>
    /// Two lanes side by side: pull requests with their reviews (the bulk of the requests), and the three
    /// repository-wide streams one after another. The streams are independent, each with its own cursor, so a
    /// failure in one lane does not cut the other short: what it reads is committed and never read again.
    /// </summary>
    private static async Task RunRestAsync(SyncContext sync, CancellationToken ct)
    {
        await CommentStreamHandover.CancelPendingAsync(sync, ct);
        await RunLanesAsync(
            () => StreamPass.RunAsync(new PullRequestStream(), sync, ct),
            async () =>
            {
                await StreamPass.RunAsync(new IssueStream(), sync, ct);
                await StreamPass.RunAsync(new IssueCommentStream(), sync, ct);
                await StreamPass.RunAsync(new ReviewCommentStream(), sync, ct);
            },
            ct);
    }

    /// <summary>
    /// Pull requests and issues through GraphQL, their children nested; the comment streams through REST once GraphQL has
    /// handed them over (see <see cref="CommentStreamHandover"/>), for the edits only they show.
    /// </summary>
    private static async Task RunGraphQLAsync(SyncContext sync, GraphQL.GraphQLClient client, bool pollRest, CancellationToken ct)
    {
        await CommentStreamHandover.PrepareAsync(sync, ct);
        await RunLanesAsync(
            () => StreamPass.RunAsync(new GraphQL.GraphQLPullRequestSource(sync, client, pollRest), sync, ct),
            async () =>
            {
                await StreamPass.RunAsync(new GraphQL.GraphQLIssueSource(sync, client, pollRest), sync, ct);
                if (await CommentStreamHandover.ReadsThroughRestAsync(sync, SyncStream.IssueComments, ct))
                {
                    await StreamPass.RunAsync(new IssueCommentStream(), sync, ct);
                }

                if (await CommentStreamHandover.ReadsThroughRestAsync(sync, SyncStream.ReviewComments, ct))
                {
                    await StreamPass.RunAsync(new ReviewCommentStream(), sync, ct);
                }
            },
            ct);
        await CommentStreamHandover.CompleteAsync(sync, ct);
    }

    private static async Task RunLanesAsync(Func<Task> first, Func<Task> second, CancellationToken ct)
    {
        var a = first();
        var b = Task.Run(second, ct);
        try
        {
            await Task.WhenAll(a, b);
        }
        catch
        {
            // Report the failure that says most: a lasting one before a rate limit (which only asks to wait).
            var failures = new[] { a, b }.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
            var worst = failures.FirstOrDefault(e => e is not RateLimitExhaustedException) ?? failures.FirstOrDefault();
            if (worst is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(worst);
            }

            throw;
        }
    }

    /// <summary>A conditional read of the repository: picks up a rename (GitHub redirects the old name) for free when nothing changed.</summary>
    private async Task<RepositoryName> RefreshRepositoryAsync(GitHubApi api, int repositoryId, RepositoryName name, string? etag, CancellationToken ct)
    {
        var (dto, newETag) = await api.GetRepositoryAsync(name, etag, ct);
        if (dto is null)
        {
            return name;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var repo = await db.Repositories.SingleAsync(r => r.Id == repositoryId, ct);
        Apply(repo, dto, newETag);
        await db.SaveChangesAsync(ct);
        return new RepositoryName(repo.Owner, repo.Name);
    }

    internal static void Apply(TrackedRepository repo, Dto.RepositoryDto dto, string? etag)
    {
        repo.GitHubId = dto.Id;
        repo.ETag = etag;
        repo.IsPrivate = dto.Private;
        if (RepositoryName.TryParse(dto.FullName, out var canonical, out _))
        {
            repo.Owner = canonical.Owner;
            repo.Name = canonical.Name;
            repo.FullNameKey = canonical.Key;
        }
    }

    private async Task FinishAsync(int repositoryId, SyncState state, string? error, DateTime? resetAt, SyncReport report)
    {
        await SetStatusAsync(repositoryId, s =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            s.State = state;
            s.LastError = error;
            s.LastSuccessAt = state == SyncState.Idle ? now : s.LastSuccessAt;
            s.FinishedAt = state == SyncState.Running ? null : now;
            s.RateLimitResetAt = resetAt;
            s.Requests = report.Requests;
            s.NotModified = report.NotModified;
            s.RateLimitRemaining = report.RateLimitRemaining ?? s.RateLimitRemaining;
            s.GraphQLRequests = report.GraphQLRequests;
            s.Points = report.Points;
            s.PointsRemaining = report.PointsRemaining ?? s.PointsRemaining;
            s.Added = report.Counts.Values.Sum(c => c.Added);
            s.Updated = report.Counts.Values.Sum(c => c.Updated);
            s.Percent = state == SyncState.Idle ? 100 : s.Percent;
        }, CancellationToken.None);
    }

    /// <summary>Changes the repository's status.</summary>
    private async Task SetStatusAsync(int repositoryId, Action<SyncStatus> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await db.SyncStatuses.SingleAsync(s => s.RepositoryId == repositoryId, ct);
        change(status);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A sync's (or a look-up's) client; its requests draw their identities from the pool for the repositories of <paramref name="owner"/>.</summary>
    internal GitHubApi NewApi(string owner) => new(connections.Connection, options.Value, time, logger, status, identities, owner);

    private static SyncReport Report(RepositoryName name, SyncOutcome outcome, string? error, DateTime? resumeAfter, SyncCounts counts, GitHubApi api, Stopwatch clock) =>
        new(name.FullName, outcome, error, resumeAfter, counts.ByKind, counts.Malformed, counts.Vanished,
            api.Stats.Requests, api.Stats.NotModified, api.Stats.RateLimitRemaining >= 0 ? api.Stats.RateLimitRemaining : null, clock.Elapsed,
            api.Stats.GraphQLRequests, api.Stats.Points, api.Stats.GraphQLRemaining >= 0 ? api.Stats.GraphQLRemaining : null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Repository} skipped: lease held by {Holder}")]
    private static partial void LogSkipped(ILogger logger, string repository, string? holder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync of {Repository} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string repository);
}
