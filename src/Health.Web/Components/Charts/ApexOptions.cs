using System.Text.Json.Nodes;

namespace Health.Web.Components.Charts;

/// <summary>Writes a <see cref="ChartSpec"/> as an ApexCharts options object, in the camelCase names ApexCharts reads.</summary>
internal static class ApexOptions
{
    /// <summary>
    /// The key under which the value format travels to the JS module, which sets the formatter functions
    /// (functions cannot be sent as JSON). It is not an ApexCharts option; the module removes it.
    /// </summary>
    public const string FormatKey = "healthFormat";

    public static JsonObject Build(ChartSpec spec)
    {
        var heatmap = spec.Kind == ChartKind.Heatmap;
        var categories = spec.Series.SelectMany(s => s.Points).Select(p => p.X).Distinct(StringComparer.Ordinal).ToList();
        return new JsonObject
        {
            ["chart"] = new JsonObject
            {
                ["type"] = spec.Kind.ToString().ToLowerInvariant(),
                ["height"] = spec.Height,
                ["background"] = "transparent",
                ["fontFamily"] = "inherit",
                ["toolbar"] = new JsonObject { ["show"] = false },
                ["zoom"] = new JsonObject { ["enabled"] = false },
                ["animations"] = new JsonObject { ["enabled"] = false },
                ["sparkline"] = new JsonObject { ["enabled"] = spec.Sparkline },
                ["stacked"] = spec.Stacked,
            },
            ["series"] = new JsonArray([.. spec.Series.Select(s => heatmap ? Cells(s) : Aligned(s, categories))]),
            ["xaxis"] = Axis(spec.XAxisTitle, heatmap ? null : categories),
            ["yaxis"] = Axis(spec.YAxisTitle, null),
            ["dataLabels"] = new JsonObject { ["enabled"] = false },
            ["stroke"] = new JsonObject { ["width"] = spec.Kind is ChartKind.Line or ChartKind.Area ? 2 : heatmap ? 1 : 0 },
            ["legend"] = new JsonObject { ["show"] = !heatmap && spec.Series.Count > 1 },
            // A sparkline has no margins: without a little room a value at the top or bottom would be cut in half.
            ["grid"] = spec.Sparkline ? new JsonObject { ["padding"] = new JsonObject { ["top"] = 3, ["bottom"] = 3, ["left"] = 3, ["right"] = 3 } } : new JsonObject(),
            [FormatKey] = spec.Format.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>A line, bar or area series: one value per category, null where the series has none.</summary>
    private static JsonObject Aligned(ChartSeries series, List<string> categories)
    {
        var byX = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var point in series.Points)
        {
            byX.TryAdd(point.X, point.Y);
        }
        var data = categories.Select(x => Value(byX.GetValueOrDefault(x)));
        return new JsonObject { ["name"] = series.Name, ["data"] = new JsonArray([.. data]) };
    }

    /// <summary>A heatmap row: one <c>{ x, y }</c> cell per point.</summary>
    private static JsonObject Cells(ChartSeries series)
    {
        var data = series.Points.Select(p => new JsonObject { ["x"] = p.X, ["y"] = Value(p.Y) });
        return new JsonObject { ["name"] = series.Name, ["data"] = new JsonArray([.. data]) };
    }

    private static JsonObject Axis(string? title, List<string>? categories)
    {
        var axis = new JsonObject();
        if (categories is not null)
        {
            axis["categories"] = new JsonArray([.. categories.Select(c => (JsonNode)c)]);
        }
        if (!string.IsNullOrEmpty(title))
        {
            axis["title"] = new JsonObject { ["text"] = title };
        }
        return axis;
    }

    /// <summary>A value as JSON; JSON has no NaN or infinity, so those are gaps too.</summary>
    private static JsonValue? Value(double? y) => y is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
}
