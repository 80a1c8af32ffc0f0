using System.Globalization;
using Health.Core.Metrics;
using Health.Web.Components.Charts;
using Health.Web.Components.Pages.Repositories;

namespace Health.Web.Components.Pages.Overview;

/// <summary>
/// A tracked repository on the overview: its key numbers for the last complete month, its sync state, and whether it
/// missed its first-response target that month (<see cref="TargetMiss"/>; <see cref="TargetKnown"/> once its facts were in memory).
/// </summary>
public sealed record OverviewCard(string Owner, string Name, DateTime? Month, IReadOnlyList<KeyNumber> Numbers, RowState State, double? Percent)
{
    /// <summary>"Missed its 48 h first-response target for 3 of 20 PRs", or null when it kept it (or nothing could be judged).</summary>
    public string? TargetMiss { get; init; }

    /// <summary>Whether <see cref="TargetMiss"/> was worked out (the intake needs the facts in memory).</summary>
    public bool TargetKnown { get; init; }

    /// <summary>The card with the last complete month's target figures: missed when a PR that can be judged was not answered in time.</summary>
    public OverviewCard WithTarget(IReadOnlyList<IntakeRow>? intake, TimeSpan target)
    {
        if (intake is null)
        {
            return this with { TargetKnown = false, TargetMiss = null };
        }

        var month = Month is { } m ? intake.FirstOrDefault(r => r.PeriodStart == m) : null;
        var missed = month is { } r && r.TargetDecided > r.TargetMet
            ? $"Missed its {target.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} h first-response target for {r.TargetDecided - r.TargetMet} of {r.TargetDecided} PRs"
            : null;
        return this with { TargetKnown = true, TargetMiss = missed };
    }

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
