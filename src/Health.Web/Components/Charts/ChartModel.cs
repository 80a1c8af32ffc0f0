namespace Health.Web.Components.Charts;

/// <summary>The kind of chart drawn.</summary>
public enum ChartKind
{
    Line,
    Bar,
    Area,

    /// <summary>One row per series, one cell per point.</summary>
    Heatmap,
}

/// <summary>How values are written on the value axis and in tooltips.</summary>
public enum ValueFormat
{
    /// <summary>A plain number, at most one decimal: 1234.5 is "1,234.5".</summary>
    Number,

    /// <summary>A ratio written as a percentage: 0.42 is "42%".</summary>
    Percent,

    /// <summary>A duration in hours: 5.25 is "5.3 h".</summary>
    Hours,
}

/// <summary>One value of a series: <paramref name="X"/> is its category label; a null <paramref name="Y"/> is a gap.</summary>
public sealed record ChartPoint(string X, double? Y);

/// <summary>A named series of points.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>What a chart shows: its kind, its series, and how its axes read.</summary>
public sealed record ChartSpec(ChartKind Kind, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>The title of the category axis, if any.</summary>
    public string? XAxisTitle { get; init; }

    /// <summary>The title of the value axis, if any.</summary>
    public string? YAxisTitle { get; init; }

    /// <summary>How values are written.</summary>
    public ValueFormat Format { get; init; } = ValueFormat.Number;

    /// <summary>The height of the chart in CSS pixels; the space is reserved before the chart loads.</summary>
    public int Height { get; init; } = 300;

    /// <summary>A sparkline: no axes, legend, grid or caption; for small trend marks beside a number.</summary>
    public bool Sparkline { get; init; }

    /// <summary>Bars or areas of the series stacked on each other (e.g. merged and closed-unmerged PRs).</summary>
    public bool Stacked { get; init; }

    /// <summary>Whether any series has a value to draw.</summary>
    public bool HasData => Series.Any(s => s.Points.Any(p => p.Y is not null));
}
