namespace Health.Core.Metrics.Formulas;

/// <summary>Newcomer retention over 90 days (METRICS.md, newcomers_retained_90d and newcomer_retention_90d).</summary>
public static class Retention
{
    /// <summary>The retention window: 90 days, exactly 2,160 hours.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    /// <summary>
    /// Whether a newcomer is retained: one of <paramref name="laterPrCreatedAts"/> is strictly later than
    /// <paramref name="firstPrCreatedAt"/> and at most 90 days (2,160 hours) after it. Exactly 90 days
    /// counts; 90 days and one tick does not; a PR created at the same instant as the first does not
    /// count, nor does an earlier one. All instants are UTC; the list may include the first PR itself.
    /// </summary>
    public static bool IsRetained(DateTime firstPrCreatedAt, IEnumerable<DateTime> laterPrCreatedAts)
    {
        ArgumentNullException.ThrowIfNull(laterPrCreatedAts);
        foreach (var createdAt in laterPrCreatedAts)
        {
            var gap = createdAt - firstPrCreatedAt;
            if (gap > TimeSpan.Zero && gap <= Window)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a period's retention can no longer change: false while <paramref name="periodEnd"/> plus
    /// 90 days is later than <paramref name="lastSyncAt"/> (a newcomer of the period could still be
    /// retained by a PR the data does not hold yet), true once it is at or before the last sync.
    /// While false, newcomer_retention_90d is blank.
    /// </summary>
    /// <param name="periodEnd">The period's exclusive end, i.e. the next period's start (UTC).</param>
    /// <param name="lastSyncAt">When the repository was last synchronised (UTC).</param>
    public static bool RetentionIsFinal(DateTime periodEnd, DateTime lastSyncAt) =>
        // Subtracting avoids DateTime overflow that periodEnd + 90 days could hit.
        lastSyncAt - periodEnd >= Window;
}
