using GitHubSimulator;
using Health.Core.Dashboard;
using Health.Core.GitHub;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Content;
using Health.Core.Reports.Rendering;
using Health.Core.Tests.Infrastructure;
using Health.Core.Tracking;

namespace Health.Core.Tests.Reports;

/// <summary>A report of an organisation's repositories, built from a synced simulator world: the same figures as the metrics and the dashboard.</summary>
public sealed class ReportBuilderTests
{
    private static readonly DateTime October = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Build_Organisation_OneSectionPerRepositoryAndThePooledGroup()
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 80, ExtraRepositories = 1, YearsOfHistory = 1, End = SyncHarness.WorldEnd });
        foreach (var repo in h.World.Repositories)
        {
            var tracked = await h.Tracker.TrackAsync(new RepositoryName(repo.Owner, repo.Name), CancellationToken.None);
            await h.Sync.SyncAsync(tracked.Repository.Id, null, CancellationToken.None);
        }

        ResolvedScope scope;
        await using (var db = h.NewDb())
        {
            Assert.True(TrackTarget.TryParse("acme", out var target, out _));
            var (resolved, error) = await ResolvedScope.ResolveAsync(db, [target], CancellationToken.None);
            scope = resolved ?? throw new InvalidOperationException(error);
        }

        var report = await h.Service<ReportBuilder>().BuildAsync(scope, PeriodKind.Month, October, CancellationToken.None);

        Assert.Equal("acme/*", report.Scope);
        Assert.Equal(["acme/widgets", "acme/widgets-2"], report.Repositories.Select(r => r.FullName));
        Assert.Equal(["acme/widgets", "acme/widgets-2"], report.PeriodRows.Select(r => r.Repo));
        Assert.All(report.PeriodRows, r => Assert.Equal(October, r.PeriodStart));
        var group = Assert.IsType<GroupReport>(report.Group);
        Assert.Equal(report.Repositories.Sum(r => Metric(r.Metrics, "prs_opened").Current), Metric(group.Metrics, "prs_opened").Current);

        // Each section's figures are the metrics service's and the dashboard's for the same periods.
        var metrics = h.Service<MetricsService>();
        var dashboard = h.Service<DashboardService>();
        foreach (var (section, (id, name)) in report.Repositories.Zip(scope.Repositories))
        {
            var rows = await metrics.ForRepositoryAsync(id, name, PeriodKind.Month, new DateOnly(2026, 6, 1), new DateOnly(2026, 10, 1), CancellationToken.None);
            Assert.Equal(rows.Single(r => r.PeriodStart == October).PrsMerged, Metric(section.Metrics, "prs_merged").Current);
            Assert.Equal(rows.Single(r => r.PeriodStart == October.AddMonths(-1)).PrsMerged, Metric(section.Metrics, "prs_merged").Previous);
            var cohort = rows.Single(r => r.PeriodStart == new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc));
            Assert.Equal((cohort.PeriodStart, cohort.Newcomers, cohort.NewcomersRetained90d), (section.Retention.PeriodStart, section.Retention.Newcomers, section.Retention.Retained));
            var charts = await dashboard.ChartsAsync(id, PeriodKind.Month, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1), CancellationToken.None);
            Assert.Equal(charts.Periods.Single().ReviewLoad, section.ReviewLoad);
            Assert.Equal(section.Metrics.Single(m => m.Column == "newcomers").Current, section.Newcomers.Count);
        }

        var html = HtmlReport.Render(report);
        Assert.Contains("All acme/* together", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://github.com/acme/widgets-2\"", html, StringComparison.Ordinal);
    }

    private static MetricChange Metric(IReadOnlyList<MetricChange> metrics, string column) => metrics.Single(m => m.Column == column);
}
