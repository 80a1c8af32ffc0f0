using GitHubSimulator;
using Health.Core.Storage.Entities;
using Health.Testing;
using Health.Web.Jobs;
using Health.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Tests.Jobs;

/// <summary>The sync jobs inside the running app: scheduled on add, bounded, skipping, rate-limit aware, retried.</summary>
public sealed class SyncJobTests
{
    [Fact]
    public async Task Add_Repository_SchedulesHourlyAndFirstSyncFillsDatabase()
    {
        await using var app = await AppHarness.StartAsync(settings: new Dictionary<string, string?> { ["Health:DefaultCron"] = "0 * * * *" });

        var result = await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["acme/widgets"], result.Added);
        var id = await app.RepositoryIdAsync("acme/widgets");
        using (var connection = app.Jobs.GetConnection())
        {
            var recurring = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == HangfireSyncScheduler.RecurringId(id));
            Assert.Equal("0 * * * *", recurring.Cron);
        }

        await WaitForStateAsync(app, id, SyncState.Idle);
        await app.AssertDatabaseEqualsWorldAsync(app.Repo);

        // The status is Idle once the sync's last write is saved; Hangfire records the job as succeeded a moment later.
        await Eventually.TrueAsync(() => app.SucceededResults().Any(r => r.StartsWith("synced acme/widgets", StringComparison.Ordinal)), "the sync job to succeed");
    }

    [Fact]
    public async Task SyncNow_WhileASyncRuns_IsSkipped()
    {
        await using var app = await AppHarness.StartAsync(simulator: o => o.Latency = TimeSpan.FromMilliseconds(40));
        await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);
        var id = await app.RepositoryIdAsync("acme/widgets");
        await Eventually.TrueAsync(() => LeaseHeldAsync(app, id), "the first sync to hold the lease");

        Assert.Null(await app.Catalog.SyncNowAsync(id, CancellationToken.None));

        await Eventually.TrueAsync(() => app.SucceededResults().Any(r => r.StartsWith("skipped: another sync of acme/widgets is running", StringComparison.Ordinal)), "the second sync to be skipped");
        await WaitForStateAsync(app, id, SyncState.Idle);
        await app.AssertDatabaseEqualsWorldAsync(app.Repo);
    }

    [Fact]
    public async Task RateLimitExhaustedMidBackfill_SchedulesContinuation_FinishesEqualToWorld()
    {
        // Two pages of pull requests (each page and its reviews ~101 requests). The first window allows only 120 requests,
        // so the limit runs out inside the second page however fast the machine is; the window resets 10 s after the
        // first request, and the continuation finishes the backfill in the next one.
        await using var app = await AppHarness.StartAsync(
            new WorldOptions { Prs = 200, End = AppHarness.WorldEnd },
            o =>
            {
                o.RateLimitWindow = TimeSpan.FromSeconds(10);
                o.RateLimitRemaining = 120;
            });
        await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);
        var id = await app.RepositoryIdAsync("acme/widgets");

        var sawWaiting = false;
        var sawScheduled = false;
        await WithStatusOnTimeoutAsync(app, id, () => Eventually.TrueAsync(
            async () =>
            {
                var state = await StateAsync(app, id);
                sawWaiting |= state == SyncState.WaitingForRateLimit;
                sawScheduled |= app.Jobs.GetMonitoringApi().ScheduledCount() > 0;
                return state == SyncState.Idle;
            },
            "the backfill to finish across rate-limit windows",
            TimeSpan.FromSeconds(240)));

        Assert.True(sawWaiting, "the status never showed WaitingForRateLimit");
        Assert.True(sawScheduled, "no continuation was scheduled");
        Assert.Contains(app.SucceededResults(), r => r.StartsWith("rate limit used up", StringComparison.Ordinal));
        Assert.Equal(0, app.Jobs.GetMonitoringApi().FailedCount());
        await app.AssertDatabaseEqualsWorldAsync(app.Repo);
    }

    [Fact]
    public async Task LongBackfill_RunsAsChainOfBoundedSlices_FinishesEqualToWorld()
    {
        await using var app = await AppHarness.StartAsync(
            new WorldOptions { Prs = 300, End = AppHarness.WorldEnd },
            o => o.Latency = TimeSpan.FromMilliseconds(80),
            // Three pages of pull requests, each with 100 reviews to read 4 at a time at 80 ms: at least 2 s a page, twice the
            // slice. Each slice saves a page (it is not cut before its first), so the pages take three slices, however fast the machine.
            new Dictionary<string, string?> { ["Jobs:SliceDuration"] = "00:00:01", ["GitHub:Concurrency"] = "4" });
        await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);
        var id = await app.RepositoryIdAsync("acme/widgets");

        await WaitForStateAsync(app, id, SyncState.Idle, TimeSpan.FromSeconds(240));

        var slices = app.SucceededResults().Count(r => r.StartsWith("slice of 00:00:01 used up", StringComparison.Ordinal));
        Assert.True(slices >= 2, $"expected the backfill to take several slices, saw {slices}");
        await app.AssertDatabaseEqualsWorldAsync(app.Repo);
    }

    [Fact]
    public async Task PersistentFailure_RetriedBoundedTimes_ThenFailedWithErrorVisible()
    {
        await using var app = await AppHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Jobs:Retries"] = "2",
            ["GitHub:MaxRetries"] = "1",
        });
        await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);
        var id = await app.RepositoryIdAsync("acme/widgets");
        await WaitForStateAsync(app, id, SyncState.Idle);
        app.Server.Options.Faults.Add(new FaultRule(FaultKind.BadGateway502, PathContains: "/issues"));

        await app.Catalog.SyncNowAsync(id, CancellationToken.None);

        await WithStatusOnTimeoutAsync(app, id, () => Eventually.TrueAsync(() => app.Jobs.GetMonitoringApi().FailedCount() >= 1, "the job to end failed after its retries", TimeSpan.FromSeconds(180)));
        var failed = app.Jobs.GetMonitoringApi().FailedJobs(0, 10).Single().Value;
        Assert.Contains("502", failed.ExceptionMessage, StringComparison.Ordinal);
        await using var db = app.NewDb();
        var status = await db.SyncStatuses.SingleAsync(s => s.RepositoryId == id);
        Assert.Equal(SyncState.Failed, status.State);
        Assert.Contains("502", status.LastError, StringComparison.Ordinal);

        // Hangfire retried it exactly Jobs:Retries = 2 times, then left it failed; each attempt asked GitHub twice
        // (GitHub:MaxRetries = 1) for the failing page.
        var job = app.Jobs.GetMonitoringApi().FailedJobs(0, 10).Single().Key;
        using (var connection = app.Jobs.GetConnection())
        {
            Assert.Equal("2", connection.GetJobParameter(job, "RetryCount"));
        }

        Assert.True(app.Server.Options.Faults.Fired >= 3 * 2, $"expected at least 6 failed requests, saw {app.Server.Options.Faults.Fired}");
    }

    [Fact]
    public async Task Remove_KeepingData_RemovesRecurringJobAndKeepsRows()
    {
        await using var app = await AppHarness.StartAsync();
        await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);
        var id = await app.RepositoryIdAsync("acme/widgets");
        await WaitForStateAsync(app, id, SyncState.Idle);

        Assert.Null(await app.Catalog.RemoveAsync(id, deleteData: false, CancellationToken.None));

        Assert.DoesNotContain(HangfireSyncScheduler.RecurringId(id), app.RecurringJobIds());
        await using var db = app.NewDb();
        Assert.NotNull((await db.Repositories.SingleAsync(r => r.Id == id)).RemovedAt);
        Assert.Equal(app.Repo.Pulls.Count, await db.PullRequests.CountAsync(p => p.RepositoryId == id));
    }

    [Fact]
    public async Task Remove_DeletingData_RemovesRecurringJobAndEveryRow()
    {
        await using var app = await AppHarness.StartAsync();
        await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);
        var id = await app.RepositoryIdAsync("acme/widgets");
        await WaitForStateAsync(app, id, SyncState.Idle);

        Assert.Null(await app.Catalog.RemoveAsync(id, deleteData: true, CancellationToken.None));

        Assert.DoesNotContain(HangfireSyncScheduler.RecurringId(id), app.RecurringJobIds());
        await using var db = app.NewDb();
        Assert.False(await db.Repositories.AnyAsync(r => r.Id == id));
        Assert.Equal(0, await db.PullRequests.CountAsync(p => p.RepositoryId == id));
        Assert.Equal(0, await db.Reviews.CountAsync(p => p.RepositoryId == id));
        Assert.Equal(0, await db.IssueComments.CountAsync(p => p.RepositoryId == id));
        Assert.Equal(0, await db.SyncStatuses.CountAsync(p => p.RepositoryId == id));
    }

    [Theory]
    [InlineData("a/b/c", "expected OWNER/NAME")]
    [InlineData("acme/nope", "GitHub knows no repository acme/nope")]
    [InlineData("nobody-at-all", "GitHub knows no organisation or user 'nobody-at-all'")]
    [InlineData("-bad-", "is not a valid GitHub organisation or user")]
    [InlineData("  ", "Nothing to add")]
    public async Task Add_InvalidOrUnknown_RefusedWithMessageAndNothingSaved(string input, string message)
    {
        await using var app = await AppHarness.StartAsync();

        var result = await app.Catalog.AddAsync(input, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Repositories.CountAsync());
        Assert.DoesNotContain(app.RecurringJobIds(), j => j.StartsWith(HangfireSyncScheduler.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Add_Owner_TracksEveryPublicRepositoryOfTheOrganisation()
    {
        await using var app = await AppHarness.StartAsync(new WorldOptions { Prs = 40, ExtraRepositories = 3, End = AppHarness.WorldEnd });
        var expected = app.World.Repositories.Where(r => r.Owner == "acme" && !r.Private).Select(r => r.FullName).Order().ToList();

        var result = await app.Catalog.AddAsync("acme", CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(expected, result.Added.Order());
        foreach (var name in expected)
        {
            var id = await app.RepositoryIdAsync(name);
            Assert.Contains(HangfireSyncScheduler.RecurringId(id), app.RecurringJobIds());
            await WaitForStateAsync(app, id, SyncState.Idle);
        }

        var again = await app.Catalog.AddAsync("acme/*", CancellationToken.None);
        Assert.Empty(again.Added);
        Assert.Equal(expected.Count, again.AlreadyTracked.Count);
    }

    internal static async Task WaitForStateAsync(AppHarness app, int id, SyncState state, TimeSpan? timeout = null)
    {
        try
        {
            await Eventually.TrueAsync(async () => await StateAsync(app, id) == state, $"repository {id} to be {state}", timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} {await app.DescribeAsync(id)}", e);
        }
    }

    private static async Task WithStatusOnTimeoutAsync(AppHarness app, int id, Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} {await app.DescribeAsync(id)}", e);
        }
    }

    internal static async Task<SyncState?> StateAsync(AppHarness app, int id)
    {
        await using var db = app.NewDb();
        return await db.SyncStatuses.Where(s => s.RepositoryId == id).Select(s => (SyncState?)s.State).SingleOrDefaultAsync();
    }

    private static async Task<bool> LeaseHeldAsync(AppHarness app, int id)
    {
        await using var db = app.NewDb();
        return await db.SyncStatuses.AnyAsync(s => s.RepositoryId == id && s.LeaseOwner != null);
    }
}
