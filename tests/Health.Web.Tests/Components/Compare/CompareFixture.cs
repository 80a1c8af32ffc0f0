using Bunit;
using GitHubSimulator;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Components.Compare;

/// <summary>
/// A world of acme/widgets to acme/widgets-6 synced into a real SQLite file, acme/widgets-6 then untracked with its data
/// kept, and the repositories' ids; see <see cref="SyncedWorldFixture"/>.
/// </summary>
public sealed class CompareFixture : SyncedWorldFixture
{
    /// <summary>The ids of the synced repositories, by <c>owner/name</c>.</summary>
    public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

    public BunitContext NewContext() => NewContext<BunitContext>();

    /// <summary>Monthly metrics rows of a set of repositories over a range, straight from the metrics service.</summary>
    public Task<IReadOnlyList<MetricsRow>> RowsAsync(IReadOnlyCollection<int> ids, DateOnly from, DateOnly to) =>
        Services.GetRequiredService<MetricsService>().ForGroupAsync(ids, "x", PeriodKind.Month, from, to, CancellationToken.None);

    protected override WorldOptions World() => new() { Prs = 120, ExtraRepositories = 5, End = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) };

    protected override async Task SeedAsync(IServiceProvider services)
    {
        var sync = services.GetRequiredService<RepositorySync>();
        foreach (var name in new[] { "widgets", "widgets-2", "widgets-3", "widgets-4", "widgets-5", "widgets-6" })
        {
            var tracked = await services.GetRequiredService<Health.Core.Tracking.RepositoryTracker>().TrackAsync(new RepositoryName("acme", name), CancellationToken.None);
            await sync.SyncAsync(tracked.Repository.Id, null, CancellationToken.None);
            Ids[$"acme/{name}"] = tracked.Repository.Id;
        }

        // acme/widgets-6 is no longer tracked, its data kept: it can still be compared by name, but is no part of "acme".
        await using var db = await services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync();
        await db.Repositories.Where(r => r.Id == Ids["acme/widgets-6"]).ExecuteUpdateAsync(u => u.SetProperty(r => r.RemovedAt, Now));
    }
}
