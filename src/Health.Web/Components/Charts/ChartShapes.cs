using Health.Core.Metrics.Formulas;

namespace Health.Web.Components.Charts;

/// <summary>Turns a <see cref="ChartTable"/> into what the chart draws, so the drawing is made from the table's own values.</summary>
internal static class ChartShapes
{
    /// <summary>The key column of per-period tables.</summary>
    public static readonly ChartColumn PeriodStart = new("period_start", "Period start", ColumnKind.Count);

    /// <summary>One row a period: key <c>yyyy-MM-dd</c>; on the axis a month reads <c>yyyy-MM</c>.</summary>
    public static ChartRow PeriodRow(DateTime start, PeriodKind kind, IReadOnlyList<double?> values) =>
        new(Periods.Label(start), kind == PeriodKind.Month ? Periods.Label(start)[..7] : Periods.Label(start), values);

    /// <summary>
    /// One series a plotted column, one point a row. A table of counts that are all zero draws nothing (the chart shows
    /// its empty text), as does a table without a single value.
    /// </summary>
    public static ChartSpec Lines(ChartKind kind, ChartTable table, ValueFormat format)
    {
        var plotted = Plotted(table);
        var series = plotted.Select(p => new ChartSeries(p.Column.Label, [.. table.Rows.Select(r => new ChartPoint(r.AxisLabel, r.Values[p.Index]))])).ToList();
        return new ChartSpec(kind, IsEmpty(table, plotted) ? [] : series) { Format = format };
    }

    /// <summary>A heatmap: one series a row (first row on top), one cell a plotted column.</summary>
    public static ChartSpec Heatmap(ChartTable table, ValueFormat format, Func<ChartRow, string> rowName)
    {
        var plotted = Plotted(table);
        var series = table.Rows.Reverse().Select(r => new ChartSeries(rowName(r), [.. plotted.Select(p => new ChartPoint(p.Column.Label, r.Values[p.Index]))])).ToList();
        return new ChartSpec(ChartKind.Heatmap, series) { Format = format, Height = Math.Max(200, 60 + (28 * table.Rows.Count)) };
    }

    private static List<(ChartColumn Column, int Index)> Plotted(ChartTable table) =>
        table.Columns.Select((c, i) => (c, i)).Where(x => x.c.Plotted).ToList();

    private static bool IsEmpty(ChartTable table, List<(ChartColumn Column, int Index)> plotted)
    {
        var values = table.Rows.SelectMany(r => plotted.Select(p => r.Values[p.Index])).Where(v => v is not null).ToList();
        return values.Count == 0 || (plotted.All(p => p.Column.Kind == ColumnKind.Count) && values.All(v => v == 0));
    }
}
