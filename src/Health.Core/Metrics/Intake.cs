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

/// <summary>A PR's size by the lines it adds plus the lines it deletes: XS under 10, S under 50, M under 250, L under 1,000, XL beyond.</summary>
public enum PrSize
{
    XS,
    S,
    M,
    L,
    XL,
}

/// <summary>
/// One row of the intake CSV: a repository (or group) and period. <see cref="MergeMedianBySize"/> is the dashboard's too (not
/// a CSV column): the median hours from opening to merge of the human-authored PRs merged in the period, by size, where known.
/// </summary>
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
    double? ResponseTargetRate,
    IReadOnlyDictionary<PrSize, double?> MergeMedianBySize);

/// <summary>The size classes of <see cref="PrSize"/>.</summary>
public static class PrSizes
{
    public static readonly IReadOnlyList<PrSize> All = [PrSize.XS, PrSize.S, PrSize.M, PrSize.L, PrSize.XL];

    /// <summary>The class of <paramref name="lines"/> added plus deleted.</summary>
    public static PrSize Of(int lines) => lines switch
    {
        < 10 => PrSize.XS,
        < 50 => PrSize.S,
        < 250 => PrSize.M,
        < 1000 => PrSize.L,
        _ => PrSize.XL,
    };

    /// <summary>The lines a class holds, for labels: <c>under 10 lines</c>, ...</summary>
    public static string Range(PrSize size) => size switch
    {
        PrSize.XS => "under 10 lines",
        PrSize.S => "10 to 49 lines",
        PrSize.M => "50 to 249 lines",
        PrSize.L => "250 to 999 lines",
        _ => "1,000 lines or more",
    };
}

/// <summary>The origin rule, in its order: agent, bot, none (deleted author), maintainer, newcomer, returning.</summary>
public static class PrOrigins
{
    /// <summary>The origins in the CSV's column order.</summary>
    public static readonly IReadOnlyList<PrOrigin> Columns = [PrOrigin.Maintainer, PrOrigin.Returning, PrOrigin.Newcomer, PrOrigin.Agent, PrOrigin.Bot];

    /// <param name="pr">The PR.</param>
    /// <param name="firstPrOf">Each human author's earliest PR creation (<see cref="FirstPullRequests.Of"/>).</param>
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
