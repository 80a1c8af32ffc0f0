using System.Globalization;
using Health.Core.Metrics;
using Health.Web.Components.Charts;
using Health.Web.Components.Pages.Repositories;

namespace Health.Web.Components.Pages.Overview;

/// <summary>A tracked repository on the overview: its key numbers for the last complete month, and its sync state.</summary>
public sealed record OverviewCard(string Owner, string Name, DateTime? Month, IReadOnlyList<KeyNumber> Numbers, RowState State, double? Percent)
{
    public string FullName => $"{Owner}/{Name}";

    /// <summary>Nothing measured yet (never synced, or no activity in the months shown).</summary>
    public bool HasData => Month is not null;

    public int WorseCount => Numbers.Count(n => n.Worse);

    /// <summary>
    /// Shapes the card from monthly rows that end with the last complete month (the row before it is the comparison;
    /// the earlier ones feed the sparklines).
    /// </summary>
    public static OverviewCard Build(string owner, string name, IReadOnlyList<MetricsRow> monthly, RowState state, double? percent)
    {
        if (monthly.Count == 0)
        {
            return new OverviewCard(owner, name, null, [], state, percent);
        }

        var current = monthly[^1];
        var previous = monthly.Count > 1 ? monthly[^2] : null;
        KeyNumber Number(string label, string column, Func<MetricsRow, double?> value, ValueFormat format, bool higherIsBetter) =>
            new(label, column, value(current), previous is null ? null : value(previous), format, higherIsBetter,
                [.. monthly.Select(r => new ChartPoint(r.PeriodStart.ToString("MMM yyyy", CultureInfo.InvariantCulture), value(r)))]);

        return new OverviewCard(owner, name, current.PeriodStart,
        [
            Number("PRs merged", "prs_merged", r => r.PrsMerged, ValueFormat.Number, higherIsBetter: true),
            Number("Merge rate", "merge_rate", r => r.MergeRate, ValueFormat.Percent, higherIsBetter: true),
            Number("Median first response", "pr_first_response_median_h", r => r.PrFirstResponseMedianH, ValueFormat.Hours, higherIsBetter: false),
            Number("Newcomers", "newcomers", r => r.Newcomers, ValueFormat.Number, higherIsBetter: true),
            Number("Active contributors", "active_contributors", r => r.ActiveContributors, ValueFormat.Number, higherIsBetter: true),
        ], state, percent);
    }
}
