using Hangfire;
using Hangfire.Server;
using Health.Core.Reports;
using Health.Core.Reports.Delivery;
using Health.Core.Storage.Entities;

namespace Health.Web.Jobs;

/// <summary>
/// A report schedule's recurring job, its catch-up, and the delivery of one archived report. Re-runnable: the report of
/// a schedule and period is made once (found again on a re-run), and only destinations not yet delivered are sent.
/// A failed destination throws, so Hangfire retries it (<see cref="JobsOptions.Retries"/>); on the last attempt it is
/// marked failed, with its error on the reports page.
/// </summary>
public sealed partial class ReportJob(ReportRuns runs, ReportDeliverer deliverer, RetryPolicy retries, ILogger<ReportJob> logger)
{
    /// <summary>The recurring job: the report that fell due most recently (its period is fixed by that due time, so a retry reports the same one).</summary>
    [JobDisplayName("Report schedule #{0}")]
    public async Task<string> RunScheduledAsync(int scheduleId, PerformContext? context, CancellationToken ct)
    {
        var (schedule, due) = await runs.LatestDueAsync(scheduleId, ct);
        if (schedule is null || due is null)
        {
            return schedule is null ? $"report schedule #{scheduleId} was deleted; nothing to do" : $"report schedule #{scheduleId} has not fallen due yet";
        }

        return await RunDueAsync(scheduleId, due.Value, context, ct);
    }

    /// <summary>
    /// The report due at <paramref name="dueUtc"/>: made (or found), then delivered. A schedule that covers no tracked
    /// repository is skipped with the reason, not failed: no retry can bring a repository back, the reports page shows the
    /// schedule's problem for as long as it lasts, and no empty report takes the period's place in the archive.
    /// </summary>
    [JobDisplayName("Report schedule #{0}, due {1:u}")]
    public async Task<string> RunDueAsync(int scheduleId, DateTime dueUtc, PerformContext? context, CancellationToken ct)
    {
        ReportRun? run;
        try
        {
            run = await runs.EnsureScheduledAsync(scheduleId, DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc), ct);
        }
        catch (ReportScopeException e)
        {
            LogSkipped(logger, scheduleId, dueUtc, e.Message);
            return $"skipped: {e.Message}";
        }

        return run is null ? $"report schedule #{scheduleId} was deleted; nothing to do" : await DeliverAsync(run.Id, context, ct);
    }

    /// <summary>Delivers the destinations of an archived report that are not delivered yet.</summary>
    [JobDisplayName("Deliver report #{0}")]
    public async Task<string> DeliverAsync(int runId, PerformContext? context, CancellationToken ct)
    {
        var attempt = RetryCount(context);
        var allowed = context is null ? retries.Retry.Attempts : retries.RetriesOf(context.BackgroundJob.Job);
        var outcome = await deliverer.DeliverAsync(runId, finalAttempt: attempt >= allowed, ct);
        if (!outcome.Done)
        {
            LogRetry(logger, runId, attempt, allowed);
            throw new ReportDeliveryException(outcome.Describe());
        }

        return outcome.Describe();
    }

    /// <summary>How many times Hangfire has retried this job so far (0 on the first attempt).</summary>
    private static int RetryCount(PerformContext? context) => context?.GetJobParameter<int>("RetryCount", allowStale: true) ?? 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report schedule #{Schedule} due {Due:u} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, int schedule, DateTime due, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report #{Run} not fully delivered on attempt {Attempt} of {Retries} retries")]
    private static partial void LogRetry(ILogger logger, int run, int attempt, int retries);
}

/// <summary>A report with a destination not delivered; thrown so that Hangfire retries it. The error is also on the delivery.</summary>
public sealed class ReportDeliveryException(string message) : Exception(message);
