namespace Health.Core.Metrics;

/// <summary>Who sent a pull request (METRICS.md, "Intake and maintainer load"); a PR by a deleted author has none.</summary>
public enum PrOrigin
{
    Maintainer,
    Returning,
    Newcomer,
    Agent,
    Bot,
}

/// <summary>One row of the intake CSV: a repository (or group) and period.</summary>
public sealed record IntakeRow(
    string Repo,
    DateTime PeriodStart,
    IReadOnlyDictionary<PrOrigin, int> Opened,
    IReadOnlyDictionary<PrOrigin, double?> MergeRate,
    int ResponsesOnFinished,
    int ResponsesOnUnmerged,
    double? UnmergedResponseShare,
    int TargetMet,
    int TargetDecided,
    double? ResponseTargetRate);

/// <summary>The origin rule, in its order: agent, bot, none (deleted author), maintainer, newcomer, returning.</summary>
public static class PrOrigins
{
    /// <summary>The origins in the CSV's column order.</summary>
    public static readonly IReadOnlyList<PrOrigin> Columns = [PrOrigin.Maintainer, PrOrigin.Returning, PrOrigin.Newcomer, PrOrigin.Agent, PrOrigin.Bot];

    /// <param name="pr">The PR.</param>
    /// <param name="firstPrOf">Each human author's earliest PR creation (<see cref="MetricsCalculator.FirstPullRequests"/>).</param>
    public static PrOrigin? Of(PrFact pr, IReadOnlyDictionary<long, DateTime> firstPrOf)
    {
        if (pr.IsAgent)
        {
            return PrOrigin.Agent;
        }

        if (pr.AuthorIsBot)
        {
            return PrOrigin.Bot;
        }

        if (pr.AuthorId is not { } author || pr.AuthorIsDeleted)
        {
            return null;
        }

        if (pr.ByMaintainer)
        {
            return PrOrigin.Maintainer;
        }

        return firstPrOf.TryGetValue(author, out var first) && first == pr.CreatedAt ? PrOrigin.Newcomer : PrOrigin.Returning;
    }

    /// <summary>The name in CSV columns and charts: <c>maintainer</c>, <c>returning</c>, ...</summary>
    public static string Name(PrOrigin origin) => origin.ToString().ToLowerInvariant();
}
