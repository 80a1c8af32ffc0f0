using Hangfire;
using Health.Core.Metrics;

namespace Health.Web.Jobs;

/// <summary>
/// Derives again, whole, the facts of every tracked repository derived under other bot rules (or never recorded): after a
/// change of <c>GitHub:ExtraBotLogins</c>, once, in the background, a repository a transaction, each logged as it starts.
/// Views meanwhile show the facts as they are and say that this is under way; an interrupted run is re-run by Hangfire and
/// takes up the repositories still stale.
/// </summary>
public sealed partial class DeriveFactsJob(DerivedFacts derived, ILogger<DeriveFactsJob> logger)
{
    [JobDisplayName("Derive facts again under the current bot rules")]
    public async Task<string> RunAsync(CancellationToken ct)
    {
        var done = await derived.DeriveStaleAsync(null, new Progress(logger), ct);
        return done == 0 ? "every repository's facts were already derived under the current bot rules" : $"{done} repositories derived again";
    }

    private sealed class Progress(ILogger logger) : IProgress<DerivationProgress>
    {
        public void Report(DerivationProgress value)
        {
            if (value.Repository is { } name)
            {
                LogDeriving(logger, name, value.Done + 1, value.Total);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deriving the facts of {Repository} again under the current bot rules ({Number} of {Total})")]
    private static partial void LogDeriving(ILogger logger, string repository, int number, int total);
}
