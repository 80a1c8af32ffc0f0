using System.Globalization;
using Health.Core.Metrics;
using Health.Web.Components.Charts;

namespace Health.Web.Components.Pages.Repository;

/// <summary>The intake charts: who sends the PRs, what lands by origin, reviewing spent on unmerged work, the response target, merge time by size.</summary>
internal static class IntakeCharts
{
    public const string Group = "Intake: who sends the pull requests, and what the rest costs";

    public static DashboardChart Origins(ChartInput input)
    {
        var table = input.IntakePerPeriod(
            [.. PrOrigins.Columns.Select(o => new ChartColumn($"prs_opened_{PrOrigins.Name(o)}", Label(o), ColumnKind.Count))],
            r => [.. PrOrigins.Columns.Select(o => (double?)r.Opened[o])]);
        return new DashboardChart(
            "intake-origins", "PRs opened by origin", "PRs opened in each period, by who sent them: maintainers, returning contributors, newcomers, AI coding agents (by login or a disclosure marker) and bots. PRs by deleted accounts have no origin.", "prs_opened_maintainer",
            ChartShapes.Lines(ChartKind.Bar, table, ValueFormat.Number) with { Stacked = true, YAxisTitle = "PRs" }, table,
            "No pull request was opened in this range.", Group);
    }

    public static DashboardChart MergeRateByOrigin(ChartInput input)
    {
        var table = input.IntakePerPeriod(
            [.. PrOrigins.Columns.Select(o => new ChartColumn($"merge_rate_{PrOrigins.Name(o)}", Label(o), ColumnKind.Rate))],
            r => [.. PrOrigins.Columns.Select(o => r.MergeRate[o])]);
        return new DashboardChart(
            "intake-merge-rate", "Merge rate by origin", "Of the PRs of each origin finished in each period (merged or closed unmerged), the share merged.", "merge_rate_maintainer",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Percent), table,
            "No pull request was merged or closed in this range.");
    }

    public static DashboardChart UnmergedResponses(ChartInput input)
    {
        var table = input.IntakePerPeriod([new("unmerged_response_share", "Share of responses on unmerged PRs", ColumnKind.Rate)], r => [r.UnmergedResponseShare]);
        return new DashboardChart(
            "unmerged-responses", "Reviewing spent on unmerged work", "Of the responses (reviews and comments by humans other than the author) on the PRs finished in each period, the share that went to PRs closed without merging.", "unmerged_response_share",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Percent), table,
            "No finished PR in this range received a response.");
    }

    public static DashboardChart ResponseTarget(ChartInput input)
    {
        var hours = input.Target.TotalHours.ToString("0.##", CultureInfo.InvariantCulture);
        var table = input.IntakePerPeriod([new("response_target_rate", $"Answered within {hours} h", ColumnKind.Rate)], r => [r.ResponseTargetRate]);
        return new DashboardChart(
            "response-target", $"First-response target ({hours} h)", $"Of the PRs opened in each period that can be judged (answered within {hours} h, or opened at least {hours} h before the last sync), the share first answered within {hours} h (Health:ResponseTargetHours).", "response_target_rate",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Percent), table,
            "No PR opened in this range can be judged against the target yet.");
    }

    public static DashboardChart MergeBySize(ChartInput input)
    {
        var table = input.IntakePerPeriod(
            [.. PrSizes.All.Select(z => new ChartColumn($"pr_merge_median_h_{z.ToString().ToLowerInvariant()}", $"{z} ({PrSizes.Range(z)})", ColumnKind.Hours))],
            r => [.. PrSizes.All.Select(z => r.MergeMedianBySize[z])]);
        return new DashboardChart(
            "merge-by-size", "Time to merge by PR size", "Median hours from opening to merge of the PRs merged in each period, by size: lines added plus deleted (where GitHub gave them). Bot-authored PRs are left out.", "pr_merge_median_h_xs",
            ChartShapes.Lines(ChartKind.Line, table, ValueFormat.Hours) with { YAxisTitle = "Hours" }, table,
            "No pull request of a known size was merged in this range.");
    }

    private static string Label(PrOrigin origin) => origin switch
    {
        PrOrigin.Maintainer => "Maintainers",
        PrOrigin.Returning => "Returning contributors",
        PrOrigin.Newcomer => "Newcomers",
        PrOrigin.Agent => "AI agents",
        _ => "Bots",
    };
}
