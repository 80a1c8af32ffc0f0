using Hangfire.Common;
using Hangfire.States;
using Health.Testing;
using Health.Web.Tests.Infrastructure;

namespace Health.Web.Tests.Jobs;

/// <summary>Each app retries its failed jobs by its own <c>Jobs:Retries</c> and <c>Jobs:RetryDelay</c>, even beside another app in the same process.</summary>
public sealed class RetryPolicyTests
{
    [Fact]
    public async Task TwoAppsInOneProcess_EachRetriesByItsOwnJobsSection_WithDoublingDelays()
    {
        // The first app's job fails and waits 15 s for its one retry; the second app, with other settings, starts during that
        // wait. A retry filter kept process-wide would be the second app's by the time the first app's retry fails.
        await using var first = await AppHarness.StartAsync(settings: FailingReconcile(retries: 1, delay: "00:00:15"));
        await Eventually.TrueAsync(() => first.Jobs.GetMonitoringApi().ScheduledCount() == 1, "the first app's job to fail once and wait for its retry", TimeSpan.FromSeconds(30));
        await using var second = await AppHarness.StartAsync(settings: FailingReconcile(retries: 2, delay: "00:00:01"));
        Assert.True(first.Jobs.GetMonitoringApi().ScheduledCount() == 1, "The second app started after the first app's retry ran: the two were not side by side, so this run proves nothing.");

        await Task.WhenAll(
            Eventually.TrueAsync(() => first.Jobs.GetMonitoringApi().FailedCount() == 1, "the first app's job to end failed", TimeSpan.FromSeconds(60)),
            Eventually.TrueAsync(() => second.Jobs.GetMonitoringApi().FailedCount() == 1, "the second app's job to end failed", TimeSpan.FromSeconds(60)));

        var (firstCount, firstDelays) = Retries(first);
        var (secondCount, secondDelays) = Retries(second);
        Assert.Equal(1, firstCount);
        Assert.Equal([15.0], firstDelays);
        Assert.Equal(2, secondCount);
        Assert.Equal([1.0, 2.0], secondDelays);
        Assert.Contains("GitHub knows no repository acme/does-not-exist", first.Jobs.GetMonitoringApi().FailedJobs(0, 1).Single().Value.ExceptionMessage, StringComparison.Ordinal);
    }

    /// <summary>An app whose reconciliation with <c>Health:Repositories</c> fails on every attempt (GitHub answers 404).</summary>
    private static Dictionary<string, string?> FailingReconcile(int retries, string delay) => new()
    {
        ["Health:Repositories:0"] = "acme/does-not-exist",
        ["Jobs:Retries"] = retries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:RetryDelay"] = delay,
    };

    /// <summary>The failed job's retry count, and the wait before each retry in seconds, from its state history.</summary>
    private static (int Count, double[] Delays) Retries(AppHarness app)
    {
        var monitoring = app.Jobs.GetMonitoringApi();
        var job = monitoring.FailedJobs(0, 10).Single().Key;
        using var connection = app.Jobs.GetConnection();
        var delays = monitoring.JobDetails(job).History
            .Where(h => h.StateName == ScheduledState.StateName)
            .Reverse()
            .Select(h => Math.Round((JobHelper.DeserializeDateTime(h.Data["EnqueueAt"]) - JobHelper.DeserializeDateTime(h.Data["ScheduledAt"])).TotalSeconds, 1))
            .ToArray();
        return (int.Parse(connection.GetJobParameter(job, "RetryCount"), System.Globalization.CultureInfo.InvariantCulture), delays);
    }
}
