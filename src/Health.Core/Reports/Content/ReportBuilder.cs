using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;

namespace Health.Core.Reports.Content;

/// <summary>
/// Gathers a report's content from the same sources as the dashboard: the metrics rows of <see cref="MetricsService"/>
/// (the period, the one before, and the retention cohort's) and the lists and review load of <see cref="DashboardService"/>.
/// The waiting lists are as of the moment the report is made. Facts derived under other bot rules are derived again first
/// (a report is made by a job, or on an operator's request, never by a page view).
/// </summary>
public sealed class ReportBuilder(MetricsService metrics, DashboardService dashboard, DerivedFacts derived, TimeProvider time, Microsoft.Extensions.Options.IOptions<IntakeOptions> intake)
{
    public async Task<ReportContent> BuildAsync(ResolvedScope scope, PeriodKind kind, DateTime periodStart, CancellationToken ct)
    {
        await derived.DeriveStaleAsync([.. scope.Repositories.Select(r => r.Id)], progress: null, ct);
        periodStart = Periods.StartOf(periodStart, kind);
        var previous = ReportPeriods.Previous(periodStart, kind);
        var cohort = ReportPeriods.RetentionCohort(periodStart, kind);
        var sections = new List<RepositoryReport>();
        var periodRows = new List<MetricsRow>();
        foreach (var (id, fullName) in scope.Repositories)
        {
            var rows = await metrics.ForRepositoryAsync(id, fullName, kind, Day(cohort), Day(periodStart), ct);
            var current = Row(rows, periodStart, fullName);
            periodRows.Add(current);
            sections.Add(await SectionAsync(id, fullName, kind, periodStart, previous, rows, current, Row(rows, cohort, fullName), ct));
        }

        GroupReport? group = null;
        if (scope.Repositories.Count > 1)
        {
            var pooled = await metrics.ForGroupAsync([.. scope.Repositories.Select(r => r.Id)], scope.Label, kind, Day(previous), Day(periodStart), ct);
            group = new GroupReport(scope.Label, KeyMetrics.Compare(Row(pooled, periodStart, scope.Label), pooled.FirstOrDefault(r => r.PeriodStart == previous)));
        }

        return new ReportContent(scope.Label, kind, periodStart, previous, time.GetUtcNow().UtcDateTime, sections, group, periodRows);
    }

    private async Task<RepositoryReport> SectionAsync(
        int id, string fullName, PeriodKind kind, DateTime periodStart, DateTime previous, IReadOnlyList<MetricsRow> rows, MetricsRow current, MetricsRow cohort, CancellationToken ct)
    {
        var lists = await dashboard.ActionListsAsync(id, kind, Day(periodStart), Day(periodStart), ct);
        var charts = await dashboard.ChartsAsync(id, kind, Day(previous), Day(periodStart), ct);
        var load = charts.Periods.FirstOrDefault(p => p.PeriodStart == periodStart)?.ReviewLoad ?? default;
        var previousLoad = charts.Periods.FirstOrDefault(p => p.PeriodStart == previous)?.ReviewLoad ?? default;
        var newcomers = lists.NewcomersPeriodStart == periodStart ? lists.Newcomers : [];
        var intakeRows = await metrics.IntakeAsync([id], fullName, kind, Day(previous), Day(periodStart), intake.Value.ResponseTarget, ct);
        var intakeSummary = new IntakeSummary(
            intakeRows.FirstOrDefault(r => r.PeriodStart == periodStart), intakeRows.FirstOrDefault(r => r.PeriodStart == previous), intake.Value.ResponseTargetHours);
        var (owner, name) = Split(fullName);
        return new RepositoryReport(
            fullName,
            dashboard.Links.Repository(owner, name),
            KeyMetrics.Compare(current, rows.FirstOrDefault(r => r.PeriodStart == previous)),
            lists.WaitingPrs,
            lists.WaitingIssues,
            newcomers,
            new RetentionCohort(cohort.PeriodStart, kind, cohort.Newcomers, cohort.NewcomersRetained90d, cohort.NewcomerRetention90d),
            load,
            previousLoad,
            intakeSummary);
    }

    private static MetricsRow Row(IReadOnlyList<MetricsRow> rows, DateTime start, string label) =>
        rows.FirstOrDefault(r => r.PeriodStart == start)
        ?? throw new InvalidOperationException($"No metrics row for {label} starting {Periods.Label(start)}.");

    private static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(utc);

    private static (string Owner, string Name) Split(string fullName)
    {
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        return (fullName[..slash], fullName[(slash + 1)..]);
    }
}
