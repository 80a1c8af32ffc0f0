using Hangfire;

namespace Health.Web.Jobs;

/// <summary>
/// A failed job is retried <see cref="JobsOptions.Retries"/> times, waiting <see cref="JobsOptions.RetryDelay"/> × 2^attempt,
/// then stays failed (visible in <c>/jobs</c>). Hangfire keeps filters process-wide, so this replaces its default (10 retries).
/// </summary>
internal static class RetryPolicy
{
    private static readonly Lock Gate = new();

    public static void Apply(JobsOptions options)
    {
        lock (Gate)
        {
            GlobalJobFilters.Filters.Remove<AutomaticRetryAttribute>();
            GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute
            {
                Attempts = options.Retries,
                DelayInSecondsByAttemptFunc = attempt => (int)Math.Min(int.MaxValue, Math.Ceiling(options.RetryDelay.TotalSeconds * Math.Pow(2, Math.Max(0, attempt - 1)))),
                OnAttemptsExceeded = AttemptsExceededAction.Fail,
            });
        }
    }
}
