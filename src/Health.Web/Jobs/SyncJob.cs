using Hangfire;
using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Jobs;

/// <summary>
/// One bounded slice of a repository's sync, through the same <see cref="RepositorySync"/> as the <c>sync</c> verb.
/// A slice that runs out of time enqueues its continuation; a rate limit schedules the continuation for the reset and
/// ends successfully (no retry storm); another sync of the same repository running means this one is skipped.
/// Other failures throw, so Hangfire retries them with backoff (<see cref="JobsOptions.Retries"/>), the error kept on the status.
/// </summary>
public sealed partial class SyncJob(
    RepositorySync sync,
    IDbContextFactory<HealthDb> dbFactory,
    IBackgroundJobClient jobs,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<SyncJob> logger)
{
    /// <summary>Wait past the reset GitHub announced, so the first request of the continuation meets a fresh limit.</summary>
    private static readonly TimeSpan ResetMargin = TimeSpan.FromSeconds(2);

    [JobDisplayName("Sync repository #{0}")]
    public async Task<string> RunAsync(int repositoryId, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var repo = await db.Repositories.AsNoTracking().SingleOrDefaultAsync(r => r.Id == repositoryId, ct);
            if (repo is not { IsTracked: true })
            {
                return $"repository #{repositoryId} is not tracked any more; nothing to do";
            }
        }

        var report = await sync.SyncAsync(repositoryId, null, ct, options.Value.SliceDuration);
        var spent = report.GraphQLRequests > 0
            ? $"{report.Requests} requests ({report.NotModified} not modified; {report.GraphQLRequests} GraphQL queries, {report.Points} points)"
            : $"{report.Requests} requests ({report.NotModified} not modified)";
        switch (report.Outcome)
        {
            case SyncOutcome.Succeeded:
                return $"synced {report.Repository}: {spent}, {report.Counts.Values.Sum(c => c.Added)} added, {report.Counts.Values.Sum(c => c.Updated)} updated";
            case SyncOutcome.Skipped:
                return $"skipped: {report.Error}";
            case SyncOutcome.Incomplete:
                var next = jobs.Enqueue<SyncJob>(j => j.RunAsync(repositoryId, CancellationToken.None));
                LogContinues(logger, report.Repository, next);
                return $"slice of {options.Value.SliceDuration} used up after {spent}; continues in job {next}";
            case SyncOutcome.RateLimited:
                var at = (report.ResumeAfter ?? time.GetUtcNow().UtcDateTime.AddHours(1)) + ResetMargin;
                var resume = jobs.Schedule<SyncJob>(j => j.RunAsync(repositoryId, CancellationToken.None), new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));
                LogRateLimited(logger, report.Repository, at, resume);
                return $"rate limit used up after {spent}; continues at {at:u} in job {resume}";
            default:
                throw new SyncFailedException($"Sync of {report.Repository} failed: {report.Error}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Repository} ran out of its time slice; continuation job {Job} enqueued")]
    private static partial void LogContinues(ILogger logger, string repository, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Repository} stopped by the rate limit; continuation job {Job} scheduled at {At:u}")]
    private static partial void LogRateLimited(ILogger logger, string repository, DateTime at, string job);
}

/// <summary>A sync that ended failed; thrown so that Hangfire retries it. The message is also on the repository's status.</summary>
public sealed class SyncFailedException(string message) : Exception(message);
