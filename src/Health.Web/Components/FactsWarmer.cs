using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Components;

/// <summary>
/// Keeps the dashboard's facts fresh in memory: at start, and whenever a repository's sync finishes — in this process or
/// any other (a CLI sync, another worker) — its facts are read again in the background, so no reader pays for it: the first
/// view after a sync finds them as a warm view does, and so do the repository page's default charts (the last 12 months).
/// It looks every <see cref="DashboardOptions.RefreshInterval"/>.
/// </summary>
internal sealed partial class FactsWarmer(
    IDbContextFactory<HealthDb> dbFactory,
    MetricsService metrics,
    DashboardService dashboard,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<FactsWarmer> logger) : BackgroundService
{
    private readonly Dictionary<int, DateTime?> _warmAt = [];

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

    /// <summary>Reads again the facts of each tracked repository whose sync finished since its facts were last read here.</summary>
    private async Task WarmChangedAsync(CancellationToken ct)
    {
        List<(int Id, DateTime? FinishedAt)> finished;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            finished = (await db.Repositories.AsNoTracking()
                    .Where(r => r.RemovedAt == null)
                    .Join(db.SyncStatuses, r => r.Id, s => s.RepositoryId, (r, s) => new { r.Id, s.FinishedAt, s.State })
                    .Where(x => x.State != SyncState.Running && x.State != SyncState.NeverSynced)
                    .ToListAsync(ct))
                .Select(x => (x.Id, x.FinishedAt))
                .ToList();
        }

        foreach (var (id, at) in finished)
        {
            if (_warmAt.TryGetValue(id, out var warm) && warm == at)
            {
                continue;
            }

            await metrics.WarmAsync(id, ct);
            var (from, to) = Pages.Repository.RepositoryView.DefaultRange(PeriodKind.Month, time.GetUtcNow().UtcDateTime);
            await dashboard.ChartsAsync(id, PeriodKind.Month, from, to, ct);
            _warmAt[id] = at;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the facts of a synced repository ahead of its next view failed; trying again at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
