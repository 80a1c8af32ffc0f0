using Bunit;
using Bunit.TestDoubles;
using GitHubSimulator;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Components.Repository;

/// <summary>
/// A 60-PR world synced into a real SQLite file (acme/widgets), and a repository whose sync is running (acme/busy, no
/// data yet); see <see cref="SyncedWorldFixture"/>.
/// </summary>
public sealed class RepositoryPageFixture : SyncedWorldFixture
{
    /// <summary>A bUnit context over the fixture's database, with the prerender-to-interactive state at hand.</summary>
    public PageContext NewContext() => NewContext<PageContext>();

    protected override WorldOptions World() => new() { Prs = 60, End = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) };

    protected override async Task SeedAsync(IServiceProvider services)
    {
        var sync = services.GetRequiredService<RepositorySync>();
        var tracked = await services.GetRequiredService<Health.Core.Tracking.RepositoryTracker>().TrackAsync(new RepositoryName("acme", "widgets"), CancellationToken.None);
        await sync.SyncAsync(tracked.Repository.Id, null, CancellationToken.None);
        await using var db = await services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync();
        var busy = new TrackedRepository { Owner = "acme", Name = "busy", FullNameKey = "acme/busy", GitHubId = 99 };
        db.Repositories.Add(busy);
        await db.SaveChangesAsync();
        db.SyncStatuses.Add(new SyncStatus { RepositoryId = busy.Id, State = SyncState.Running, Percent = 42.4, StartedAt = Now });
        await db.SaveChangesAsync();
    }

    /// <summary>A bUnit context with ApexChart's module calls accepted and the prerender-to-interactive state at hand.</summary>
    public sealed class PageContext : BunitContext
    {
        public PageContext()
        {
            State = AddBunitPersistentComponentState();
        }

        public BunitPersistentComponentState State { get; }
    }
}
