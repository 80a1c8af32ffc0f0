using System.Text.Json.Nodes;
using Health.Web.Components.Charts;

namespace Health.Web.Tests.Components.Charts;

/// <summary>The ApexCharts options object written from a chart spec.</summary>
public sealed class ApexOptionsTests
{
    [Fact]
    public void Build_PercentHeatmap_WritesCellsPerRowAndPercentFormat()
    {
        var spec = new ChartSpec(ChartKind.Heatmap,
        [
            new ChartSeries("Mon", [new("09h", 0.25), new("10h", null)]),
            new ChartSeries("Tue", [new("09h", 1)]),
        ])
        { Format = ValueFormat.Percent, Height = 240 };

        var options = ApexOptions.Build(spec);

        Assert.Equal("heatmap", (string?)options["chart"]!["type"]);
        Assert.Equal(240, (int?)options["chart"]!["height"]);
        Assert.Equal(
            """[{"name":"Mon","data":[{"x":"09h","y":0.25},{"x":"10h","y":null}]},{"name":"Tue","data":[{"x":"09h","y":1}]}]""",
            options["series"]!.ToJsonString());
        Assert.Null(options["xaxis"]!["categories"]);
        Assert.Equal("percent", (string?)options[ApexOptions.FormatKey]);
        Assert.False((bool?)options["legend"]!["show"]);
    }

    [Fact]
    public void Build_SeriesWithDifferentLabels_AlignsDataOnAllCategoriesInFirstSeenOrder()
    {
        var spec = new ChartSpec(ChartKind.Bar,
        [
            new ChartSeries("A", [new("b", 1), new("c", 2)]),
            new ChartSeries("B", [new("a", 3), new("b", double.NaN)]),
        ])
        { XAxisTitle = "Week", YAxisTitle = "Hours to merge", Format = ValueFormat.Hours };

        var options = ApexOptions.Build(spec);

        Assert.Equal("""["b","c","a"]""", options["xaxis"]!["categories"]!.ToJsonString());
        Assert.Equal("""[{"name":"A","data":[1,2,null]},{"name":"B","data":[null,null,3]}]""", options["series"]!.ToJsonString());
        Assert.Equal("Week", (string?)options["xaxis"]!["title"]!["text"]);
        Assert.Equal("Hours to merge", (string?)options["yaxis"]!["title"]!["text"]);
        Assert.Equal("hours", (string?)options[ApexOptions.FormatKey]);
        Assert.Equal("bar", (string?)options["chart"]!["type"]);
    }

    [Fact]
    public void Build_AnySpec_WritesCamelCaseApexChartsKeys()
    {
        var options = ApexOptions.Build(new ChartSpec(ChartKind.Line, [new ChartSeries("A", [new("x", 1)])]));

        Assert.Equal(
            ["chart", "series", "xaxis", "yaxis", "dataLabels", "stroke", "legend", "grid", ApexOptions.FormatKey],
            options.Select(p => p.Key));
        Assert.Equal("{}", options["grid"]!.ToJsonString());
        Assert.Equal("transparent", (string?)options["chart"]!["background"]);
        Assert.False((bool?)options["chart"]!["toolbar"]!["show"]);
        Assert.IsType<JsonObject>(options["yaxis"]);
    }

    [Fact]
    public void Build_Sparkline_LeavesRoomForValuesAtTheEdges()
    {
        var options = ApexOptions.Build(new ChartSpec(ChartKind.Line, [new ChartSeries("A", [new("x", 1), new("y", 0)])]) { Sparkline = true, Height = 36 });

        Assert.True((bool?)options["chart"]!["sparkline"]!["enabled"]);
        Assert.Equal("""{"top":3,"bottom":3,"left":3,"right":3}""", options["grid"]!["padding"]!.ToJsonString());
    }
}
