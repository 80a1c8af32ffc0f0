using GitHubSimulator;
using Health.Core.Storage.Entities;
using Health.Testing;
using Health.Web.Jobs;
using Health.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Tests.Jobs;

/// <summary>At start the recurring jobs are rebuilt from our database, and Health:Repositories is reconciled with it.</summary>
public sealed class ScheduleOnStartTests
{
    [Fact]
    public async Task Start_WithFreshJobStorage_RebuildsRecurringJobsFromDatabase()
    {
        await using var app = await AppHarness.StartAsync(settings: new Dictionary<string, string?> { ["Jobs:Storage"] = "InMemory" });
        await app.Catalog.AddAsync("acme/widgets", CancellationToken.None);
        var id = await app.RepositoryIdAsync("acme/widgets");
        await SyncJobTests.WaitForStateAsync(app, id, SyncState.Idle);
        Assert.Null(await app.Catalog.SetScheduleAsync(id, "15 6 * * 1", "Europe/Berlin", CancellationToken.None));

        await app.StopAsync();
        app.Start(); // a new in-memory storage: every job and recurring job is gone

        using var connection = app.Jobs.GetConnection();
        var recurring = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == HangfireSyncScheduler.RecurringId(id));
        Assert.Equal("15 6 * * 1", recurring.Cron);
        Assert.Equal("Europe/Berlin", recurring.TimeZoneId);
    }

    [Fact]
    public async Task Start_PausedOrRemovedRepository_HasNoRecurringJob()
    {
        await using var app = await AppHarness.StartAsync(new WorldOptions { Prs = 30, ExtraRepositories = 1, End = AppHarness.WorldEnd });
        await app.Catalog.AddAsync("acme", CancellationToken.None);
        var paused = await app.RepositoryIdAsync("acme/widgets");
        var removed = await app.RepositoryIdAsync("acme/widgets-2");
        await SyncJobTests.WaitForStateAsync(app, paused, SyncState.Idle);
        await SyncJobTests.WaitForStateAsync(app, removed, SyncState.Idle);

        Assert.Null(await app.Catalog.SetPausedAsync(paused, true, CancellationToken.None));
        Assert.Null(await app.Catalog.RemoveAsync(removed, deleteData: false, CancellationToken.None));
        Assert.DoesNotContain(HangfireSyncScheduler.RecurringId(paused), app.RecurringJobIds());
        await app.StopAsync();
        app.Start();

        Assert.DoesNotContain(HangfireSyncScheduler.RecurringId(paused), app.RecurringJobIds());
        Assert.DoesNotContain(HangfireSyncScheduler.RecurringId(removed), app.RecurringJobIds());
        Assert.Null(await app.Catalog.SetPausedAsync(paused, false, CancellationToken.None));
        Assert.Contains(HangfireSyncScheduler.RecurringId(paused), app.RecurringJobIds());
    }

    [Fact]
    public async Task Start_WithConfiguredRepositories_TracksThemAndUntracksWhatIsNoLongerDeclared()
    {
        await using var app = await AppHarness.StartAsync(
            new WorldOptions { Prs = 30, ExtraRepositories = 2, End = AppHarness.WorldEnd },
            settings: new Dictionary<string, string?> { ["Health:Repositories:0"] = "acme/*" });
        var all = app.World.Repositories.Where(r => !r.Private).Select(r => r.FullName.ToLowerInvariant()).ToList();

        await Eventually.TrueAsync(async () => await TrackedAsync(app) is var t && all.All(t.Contains), "every acme repository to be tracked from configuration");
        foreach (var name in all)
        {
            await SyncJobTests.WaitForStateAsync(app, await app.RepositoryIdAsync(name), SyncState.Idle);
        }

        await app.StopAsync();
        app.Settings.Remove("Health:Repositories:0");
        app.Settings["Health:Repositories:0"] = "acme/widgets";
        app.Start();

        await Eventually.TrueAsync(async () => (await TrackedAsync(app)).SequenceEqual(["acme/widgets"]), "only acme/widgets to stay tracked");
        await using var db = app.NewDb();
        Assert.Equal(all.Count, await db.Repositories.CountAsync()); // untracked, data kept
        Assert.Equal([HangfireSyncScheduler.RecurringId(await app.RepositoryIdAsync("acme/widgets"))], app.RecurringJobIds().Where(j => j.StartsWith(HangfireSyncScheduler.Prefix, StringComparison.Ordinal)));
    }

    private static async Task<List<string>> TrackedAsync(AppHarness app)
    {
        await using var db = app.NewDb();
        return await db.Repositories.Where(r => r.RemovedAt == null).OrderBy(r => r.FullNameKey).Select(r => r.FullNameKey).ToListAsync();
    }
}
