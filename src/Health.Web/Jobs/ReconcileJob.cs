using Hangfire;
using Health.Core.Tracking;

namespace Health.Web.Jobs;

/// <summary>Makes the tracked repositories agree with <c>Health:Repositories</c>; run once at start, in the background (it asks GitHub).</summary>
public sealed partial class ReconcileJob(RepositoryCatalog catalog, ILogger<ReconcileJob> logger)
{
    [JobDisplayName("Reconcile Health:Repositories")]
    public async Task<string> RunAsync(CancellationToken ct)
    {
        var result = await catalog.ReconcileAsync(ct);
        var summary = $"{result.Added.Count} added, {result.Untracked.Count} no longer declared (data kept)";
        LogReconciled(logger, result.Added.Count, result.Untracked.Count, result.Errors.Count);
        if (result.Errors.Count > 0)
        {
            // Thrown so the job is retried (GitHub may be down) and the failure stays visible in /jobs.
            throw new InvalidOperationException($"{summary}; could not add: {string.Join("; ", result.Errors)}");
        }

        return summary;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health:Repositories reconciled: {Added} added, {Untracked} no longer declared, {Errors} errors")]
    private static partial void LogReconciled(ILogger logger, int added, int untracked, int errors);
}
