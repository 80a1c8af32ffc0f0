using Hangfire;
using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Components;

/// <summary>
/// Keeps the dashboard's facts fresh in memory: at start, and whenever a repository's derived facts moved on while no sync of
/// it runs — a sync finished in this process or any other (a CLI sync, another worker), or a whole derivation — what it
/// derived is read in the background (only that: see <see cref="MetricsService"/>), so no reader pays for it: the first view
/// after a sync finds the facts as a warm view does, and so do the repository page's default charts (the last 12 months).
/// The overview's rows are stored too (<see cref="StoredMetrics"/>), so that its first view after a start needs no facts.
/// When some repository's facts are stale (bot rules changed, an account turned bot), it queues <see cref="Jobs.DeriveFactsJob"/>,
/// once for each new set of stale repositories. It looks every <see cref="DashboardOptions.RefreshInterval"/>.
/// </summary>
internal sealed partial class FactsWarmer(
    IDbContextFactory<HealthDb> dbFactory,
    DerivedFacts derived,
    MetricsService metrics,
    StoredMetrics stored,
    DashboardService dashboard,
    IBackgroundJobClient jobs,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<FactsWarmer> logger) : BackgroundService
{
    private readonly Dictionary<int, FactsVersion> _warmAt = [];
    private string _queuedFor = string.Empty;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        do
        {
            try
            {
                await WarmChangedAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; a view meanwhile reads what it needs itself.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Brings up to date the facts of each tracked repository, not syncing now, whose facts moved on since the last look.</summary>
    private async Task WarmChangedAsync(CancellationToken ct)
    {
        Dictionary<int, string> idle;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var repositories = await db.Repositories.AsNoTracking()
                .GroupJoin(db.SyncStatuses, r => r.Id, s => s.RepositoryId, (r, s) => new { r, s })
                .SelectMany(x => x.s.DefaultIfEmpty(), (x, s) => new { x.r.Id, x.r.Owner, x.r.Name, x.r.RemovedAt, State = s == null ? SyncState.NeverSynced : s.State })
                .ToListAsync(ct);
            await QueueDerivationAsync([.. repositories.Select(r => r.Id)], ct);
            idle = repositories
                .Where(x => x.RemovedAt == null && x.State != SyncState.Running && x.State != SyncState.NeverSynced)
                .ToDictionary(x => x.Id, x => $"{x.Owner}/{x.Name}");
        }

        foreach (var version in await derived.VersionsAsync(idle.Keys, ct))
        {
            if (_warmAt.TryGetValue(version.RepositoryId, out var warm) && warm == version)
            {
                continue;
            }

            var id = version.RepositoryId;
            var now = time.GetUtcNow().UtcDateTime;
            await metrics.WarmAsync(id, ct);
            // The range the repository page opens on: the last 12 months, or, for a quiet repository, those up to its last activity.
            var (from, to) = Pages.Repository.RepositoryView.DefaultRange(PeriodKind.Month, now, await metrics.LastActivityAsync([id], ct));
            await dashboard.ChartsAsync(id, PeriodKind.Month, from, to, ct);
            var (first, last) = Pages.Overview.OverviewPage.Range(now);
            await stored.StoreAsync(id, idle[id], PeriodKind.Month, first, last, ct);
            _warmAt[id] = version;
        }
    }

    /// <summary>Queues the whole derivation of stale facts, unless it was queued for the same stale repositories already.</summary>
    private async Task QueueDerivationAsync(List<int> repositories, CancellationToken ct)
    {
        var stale = string.Join(",", (await derived.VersionsAsync(repositories, ct)).Where(v => v.Stale).Select(v => v.RepositoryId));
        if (stale.Length > 0 && stale != _queuedFor)
        {
            LogQueued(logger, stale);
            jobs.Enqueue<Jobs.DeriveFactsJob>(j => j.RunAsync(CancellationToken.None));
        }

        _queuedFor = stale;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The facts of repositories {Repositories} were derived under other bot rules: deriving them again in the background")]
    private static partial void LogQueued(ILogger logger, string repositories);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the facts of a synced repository ahead of its next view failed; trying again at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
