namespace Health.Core.Metrics.Formulas;

/// <summary>CHAOSS Contributor Absence Factor ("bus factor") over a period's merged PRs.</summary>
public static class BusFactor
{
    /// <summary>
    /// The smallest number of accounts whose merged PRs make up at least half of the given merged PRs:
    /// count the PRs by author, take authors from the largest count down, and stop as soon as the
    /// running total times two reaches the number of PRs. Accounts with equal counts can be taken in
    /// any order without changing the answer. Null when there are no PRs.
    /// </summary>
    /// <param name="authorIdsOfMergedPrs">
    /// One author id per merged PR (repeated for an author of several). The caller leaves out PRs
    /// whose author is deleted (unknown) and bot-authored PRs, as METRICS.md requires.
    /// </param>
    public static int? Compute(IEnumerable<long> authorIdsOfMergedPrs)
    {
        ArgumentNullException.ThrowIfNull(authorIdsOfMergedPrs);
        var counts = new Dictionary<long, long>();
        long total = 0;
        foreach (var id in authorIdsOfMergedPrs)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
            total++;
        }

        if (total == 0)
        {
            return null;
        }

        var accounts = 0;
        long covered = 0;
        foreach (var count in counts.Values.OrderByDescending(c => c))
        {
            accounts++;
            covered += count;
            if (covered * 2 >= total)
            {
                break;
            }
        }

        return accounts;
    }
}
