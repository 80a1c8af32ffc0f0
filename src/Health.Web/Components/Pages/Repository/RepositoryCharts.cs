using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Web.Components.Charts;

namespace Health.Web.Components.Pages.Repository;

/// <summary>
/// Every chart of the repository page, in page order, shaped from METRICS.md's rows (<see cref="MetricsService"/>) and
/// the dashboard's extra figures (<see cref="DashboardService"/>). The page and the CSV endpoint both call this.
/// </summary>
public static class RepositoryCharts
{
    /// <summary>The charts' keys, as they appear in the CSV URLs.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Build(new ChartInput([], new DashboardCharts([], []), default, Bots: false, [], TimeSpan.FromHours(48))).Select(c => c.Key)];

    public static IReadOnlyList<DashboardChart> Build(ChartInput input) =>
    [
        PullRequestCharts.Flow(input),
        PullRequestCharts.Backlog(input),
        PullRequestCharts.MergeRate(input),
        PullRequestCharts.Response(input),
        PullRequestCharts.TimeToMerge(input),
        IssueCharts.Flow(input),
        IssueCharts.Response(input),
        PeopleCharts.Contributors(input),
        PeopleCharts.Cohorts(input),
        PeopleCharts.BusFactor(input),
        PeopleCharts.ReviewLoad(input),
        IntakeCharts.Origins(input),
        IntakeCharts.MergeRateByOrigin(input),
        IntakeCharts.UnmergedResponses(input),
        IntakeCharts.ResponseTarget(input),
        IntakeCharts.MergeBySize(input),
    ];

    /// <summary>Reads the figures of <paramref name="view"/> for one repository and shapes its charts (<paramref name="target"/>: the first-response promise).</summary>
    public static async Task<IReadOnlyList<DashboardChart>> LoadAsync(
        MetricsService metrics, DashboardService dashboard, int repositoryId, string label, RepositoryView view, TimeSpan target, CancellationToken ct)
    {
        var rows = await metrics.ForRepositoryAsync(repositoryId, label, view.Period, view.From, view.To, ct);
        var extras = await dashboard.ChartsAsync(repositoryId, view.Period, view.From, view.To, ct);
        var intake = await metrics.IntakeAsync([repositoryId], label, view.Period, view.From, view.To, target, ct);
        return Build(new ChartInput(rows, extras, view.Period, view.Bots, intake, target));
    }
}
