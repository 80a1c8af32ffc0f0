using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Web.Components.Charts;

namespace Health.Web.Components.Pages.Repository;

/// <summary>
/// What the charts are shaped from: METRICS.md's rows, the dashboard's extra figures and the intake rows for the same
/// periods, the view, and the first-response target the intake judges.
/// </summary>
public sealed record ChartInput(IReadOnlyList<MetricsRow> Rows, DashboardCharts Extras, PeriodKind Kind, bool Bots, IReadOnlyList<IntakeRow> Intake, TimeSpan Target)
{
    private readonly Dictionary<DateTime, DashboardPeriod> _extras = Extras.Periods.ToDictionary(p => p.PeriodStart);

    /// <summary>A table with one row a period of the intake, its values picked from the intake row.</summary>
    public ChartTable IntakePerPeriod(IReadOnlyList<ChartColumn> columns, Func<IntakeRow, IReadOnlyList<double?>> values) =>
        new(ChartShapes.PeriodStart, columns, [.. Intake.Select(r => ChartShapes.PeriodRow(r.PeriodStart, Kind, values(r)))]);

    /// <summary>A table with one row a period, its values picked from the metrics row and the dashboard's figures.</summary>
    public ChartTable PerPeriod(IReadOnlyList<ChartColumn> columns, Func<MetricsRow, DashboardPeriod?, IReadOnlyList<double?>> values) =>
        new(ChartShapes.PeriodStart, columns, [.. Rows.Select(r => ChartShapes.PeriodRow(r.PeriodStart, Kind, values(r, _extras.GetValueOrDefault(r.PeriodStart))))]);
}
