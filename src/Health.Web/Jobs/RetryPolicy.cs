using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace Health.Web.Jobs;

/// <summary>
/// This app's job filters: Hangfire's global filters and the attributes on job classes and methods, with this app's retry
/// policy in place of Hangfire's default (10 retries). A failed job is retried <see cref="JobsOptions.Retries"/> times, waiting
/// <see cref="JobsOptions.RetryDelay"/> × 2^attempt, then stays failed (visible in <c>/jobs</c>).
/// </summary>
/// <remarks>
/// Registered as this app's <see cref="IJobFilterProvider"/> before <c>AddHangfire</c> (which otherwise registers the
/// process-wide <see cref="JobFilterProviders.Providers"/>), so this app's clients, recurring job manager and server use it, and
/// two apps in one process (tests, a restart) each retry by their own <c>Jobs</c> section. Nothing process-wide is changed.
/// Hangfire keeps one filter of a type per job, the last after ordering by order and scope: this one comes after the global
/// default of the same order, so it replaces it, and an <see cref="AutomaticRetryAttribute"/> on a job's class or method
/// (a narrower scope) still wins over it.
/// </remarks>
public sealed class RetryPolicy : IJobFilterProvider
{
    private readonly JobFilterProviderCollection _filters;

    public RetryPolicy(IOptions<JobsOptions> options)
    {
        var jobs = options.Value;
        Retry = new AutomaticRetryAttribute
        {
            Attempts = jobs.Retries,
            DelayInSecondsByAttemptFunc = attempt => DelaySeconds(jobs.RetryDelay, attempt),
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        };
        _filters = new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { Retry });
    }

    /// <summary>The retry filter of this app's jobs (unless a job has its own <see cref="AutomaticRetryAttribute"/>).</summary>
    public AutomaticRetryAttribute Retry { get; }

    public IEnumerable<JobFilter> GetFilters(Job job) => _filters.GetFilters(job);

    /// <summary>How many times <paramref name="job"/> is retried after its first attempt fails.</summary>
    public int RetriesOf(Job job) => GetFilters(job).Select(f => f.Instance).OfType<AutomaticRetryAttribute>().LastOrDefault()?.Attempts ?? Retry.Attempts;

    /// <summary>The wait before retry number <paramref name="attempt"/> (1 for the first): the delay, doubled for each retry before it.</summary>
    public static int DelaySeconds(TimeSpan delay, long attempt) =>
        (int)Math.Min(int.MaxValue, Math.Ceiling(delay.TotalSeconds * Math.Pow(2, Math.Max(0L, attempt - 1))));
}
