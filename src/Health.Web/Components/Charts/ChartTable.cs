using Health.Core.Metrics.Formulas;

namespace Health.Web.Components.Charts;

/// <summary>How a column's values are written, in the table view and the CSV alike (the metrics CSV's formats).</summary>
public enum ColumnKind
{
    /// <summary>A whole number.</summary>
    Count,

    /// <summary>A fraction from 0 to 1, 4 decimals.</summary>
    Rate,

    /// <summary>Hours, 2 decimals.</summary>
    Hours,
}

/// <summary>A value column: its CSV name, its label for people, how it is written, and whether the chart draws it.</summary>
public sealed record ChartColumn(string Name, string Label, ColumnKind Kind, bool Plotted = true);

/// <summary>One row: its key (the first cell, e.g. a period start), its label on the chart's axis, and one value a column (null = blank).</summary>
public sealed record ChartRow(string Key, string AxisLabel, IReadOnlyList<double?> Values);

/// <summary>
/// The data of one chart as a table: the one shape both the table view and the CSV download are written from, so they
/// cannot disagree. Cells are formatted as in the metrics CSV (invariant culture, blank for a value over nothing).
/// </summary>
public sealed record ChartTable(ChartColumn Key, IReadOnlyList<ChartColumn> Columns, IReadOnlyList<ChartRow> Rows)
{
    /// <summary>The CSV header: the key column's name, then each value column's.</summary>
    public IReadOnlyList<string> Header => [Key.Name, .. Columns.Select(c => c.Name)];

    /// <summary>The labels people read in the table view, in the order of <see cref="Header"/>.</summary>
    public IReadOnlyList<string> Labels => [Key.Label, .. Columns.Select(c => c.Label)];

    /// <summary>Each row's cells, in the order of <see cref="Header"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cells() =>
        [.. Rows.Select(r => (IReadOnlyList<string>)[r.Key, .. Columns.Select((c, i) => Format(c.Kind, r.Values[i]))])];

    /// <summary>A value as the CSV writes it.</summary>
    public static string Format(ColumnKind kind, double? value) => kind switch
    {
        ColumnKind.Rate => CsvNumbers.Rate(value),
        ColumnKind.Hours => CsvNumbers.Hours(value),
        _ => value is { } v ? CsvNumbers.Count((int)Math.Round(v)) : string.Empty,
    };
}
