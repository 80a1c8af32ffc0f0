using Hangfire;
using Health.Core.Metrics;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Jobs;

/// <summary>At start, queues <see cref="DeriveFactsJob"/> when some tracked repository's facts were derived under other bot rules.</summary>
internal sealed partial class FactsOnStart(IDbContextFactory<HealthDb> dbFactory, DerivedFacts derived, IBackgroundJobClient jobs, ILogger<FactsOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        List<int> tracked;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            tracked = await db.Repositories.Where(r => r.RemovedAt == null).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        var stale = (await derived.VersionsAsync(tracked, cancellationToken)).Count(v => v.Stale);
        if (stale > 0)
        {
            LogQueued(logger, stale);
            jobs.Enqueue<DeriveFactsJob>(j => j.RunAsync(CancellationToken.None));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The facts of {Count} repositories were derived under other bot rules: deriving them again in the background")]
    private static partial void LogQueued(ILogger logger, int count);
}
