using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Testing;
using Health.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Health.Web.Tests.Jobs;

/// <summary>
/// The sync lease runs on the job's clock: a worker killed mid-sync leaves a lease that has lapsed by the time Hangfire hands
/// its job to another worker (so the rerun syncs rather than skips), and a live sync's lease never lapses. Time is a
/// <see cref="FakeTimeProvider"/>; the lease rows are real (SQLite).
/// </summary>
public sealed class SyncLeaseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;
    private IDbContextFactory<HealthDb> _dbFactory = null!;
    private int _repositoryId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _dbFactory = new PooledDbContextFactory<HealthDb>(new DbContextOptionsBuilder<HealthDb>().UseSqlite(_database.ConnectionString).Options);
        await new DatabaseMigrator(_dbFactory).MigrateAsync(CancellationToken.None);
        await using var db = await _dbFactory.CreateDbContextAsync();
        var repo = new TrackedRepository { Owner = "acme", Name = "widgets", FullNameKey = "acme/widgets", GitHubId = 1 };
        db.Repositories.Add(repo);
        await db.SaveChangesAsync();
        _repositoryId = repo.Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>
    /// Hangfire.PostgreSql renews a running job's hold every fifth of the invisibility timeout, looking once a second; the worst
    /// case is a worker that renewed it that long before it was killed, right after renewing its lease. Its job is handed on
    /// 4/5 of the timeout less a second after the kill at the earliest.
    /// </summary>
    [Theory]
    [InlineData("00:00:05")]
    [InlineData("00:00:30")]
    [InlineData("00:05:00")]
    [InlineData("01:00:00")]
    public async Task Lease_OfAWorkerKilledMidSync_HasLapsedWhenHangfireHandsTheJobOn(string invisibility)
    {
        var jobs = new JobsOptions { InvisibilityTimeout = TimeSpan.Parse(invisibility, System.Globalization.CultureInfo.InvariantCulture) };
        var earliestHandOver = jobs.InvisibilityTimeout - (jobs.InvisibilityTimeout / 5 + TimeSpan.FromSeconds(1));

        // The killed worker: its clock stops at the kill, so it renews nothing more.
        await using var killed = new SyncLease(_dbFactory, new FakeTimeProvider(Start), _repositoryId, jobs.SyncLeaseDuration);
        Assert.True(await killed.TryAcquireAsync(CancellationToken.None));

        await using (var tooEarly = new SyncLease(_dbFactory, new FakeTimeProvider(Start + jobs.SyncLeaseDuration - TimeSpan.FromMilliseconds(1)), _repositoryId, jobs.SyncLeaseDuration))
        {
            Assert.False(await tooEarly.TryAcquireAsync(CancellationToken.None), "a lease must protect its sync for its whole duration");
        }

        await using var rerun = new SyncLease(_dbFactory, new FakeTimeProvider(Start + earliestHandOver), _repositoryId, jobs.SyncLeaseDuration);
        Assert.True(await rerun.TryAcquireAsync(CancellationToken.None), $"the rerun at {earliestHandOver} after the kill found the lease of {jobs.SyncLeaseDuration} still held");
    }

    [Fact]
    public async Task Lease_OfALiveSync_IsRenewedAndNeverLapses()
    {
        var duration = new JobsOptions { InvisibilityTimeout = TimeSpan.FromSeconds(20) }.SyncLeaseDuration;
        var clock = new FakeTimeProvider(Start);
        await using (var live = new SyncLease(_dbFactory, clock, _repositoryId, duration))
        {
            Assert.True(await live.TryAcquireAsync(CancellationToken.None));
            for (var tick = 1; tick <= 8; tick++)
            {
                clock.Advance(duration / 4);
                var expected = clock.GetUtcNow().UtcDateTime + duration;
                await Eventually.TrueAsync(async () => await LeaseUntilAsync() == expected, $"renewal {tick} of the lease", TimeSpan.FromSeconds(30));
            }

            // Twice the lease's duration has passed since it was taken: still held, because it was renewed.
            await using var other = new SyncLease(_dbFactory, clock, _repositoryId, duration);
            Assert.False(await other.TryAcquireAsync(CancellationToken.None));
        }

        await using var next = new SyncLease(_dbFactory, clock, _repositoryId, duration);
        Assert.True(await next.TryAcquireAsync(CancellationToken.None), "a released lease is free at once");
    }

    private async Task<DateTime?> LeaseUntilAsync()
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        return await db.SyncStatuses.AsNoTracking().Where(s => s.RepositoryId == _repositoryId).Select(s => s.LeaseUntil).SingleAsync();
    }
}
