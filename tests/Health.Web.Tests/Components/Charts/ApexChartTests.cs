using System.Text.Json.Nodes;
using Bunit;
using Health.Web.Components.Charts;
using Microsoft.JSInterop;

namespace Health.Web.Tests.Components.Charts;

/// <summary>The ApexChart component's calls into its JS module (bUnit's JSInterop in strict mode).</summary>
public sealed class ApexChartTests : BunitContext
{
    private readonly BunitJSModuleInterop _module;

    public ApexChartTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        _module = JSInterop.SetupModule(ApexChart.ModulePath);
        _module.SetupModule("create", _ => true);
        _module.SetupVoid("update", _ => true).SetVoidResult();
        _module.SetupVoid("destroy", _ => true).SetVoidResult();
    }

    private static ChartSpec PullRequests(double merged3 = 4) => new(ChartKind.Line,
    [
        new ChartSeries("Opened", [new("2024-01", 3), new("2024-02", null), new("2024-03", 5)]),
        new ChartSeries("Merged", [new("2024-01", 1), new("2024-02", 2), new("2024-03", merged3)]),
    ]);

    private IRenderedComponent<ApexChart> RenderChart(ChartSpec spec) =>
        Render<ApexChart>(p => p.Add(c => c.Title, "Pull requests").Add(c => c.Chart, spec));

    private static JsonObject OptionsOf(JSRuntimeInvocation invocation) => Assert.IsType<JsonObject>(invocation.Arguments[1]);

    [Fact]
    public void Render_TwoSeriesOfThreePoints_CreatesChartWithNamesDataAndCategories()
    {
        var cut = RenderChart(PullRequests());

        var options = OptionsOf(_module.VerifyInvoke("create"));
        Assert.Equal("line", (string?)options["chart"]!["type"]);
        Assert.Equal(300, (int?)options["chart"]!["height"]);
        Assert.Equal("""[{"name":"Opened","data":[3,null,5]},{"name":"Merged","data":[1,2,4]}]""", options["series"]!.ToJsonString());
        Assert.Equal("""["2024-01","2024-02","2024-03"]""", options["xaxis"]!["categories"]!.ToJsonString());
        Assert.Equal("Pull requests", cut.Find("figcaption").TextContent);
        Assert.Equal("Pull requests", cut.Find(".chart-canvas").GetAttribute("aria-label"));
        Assert.Equal("height: 300px", cut.Find(".chart-box").GetAttribute("style"));
        Assert.Empty(cut.FindAll(".chart-message"));
    }

    [Fact]
    public void Render_SeriesChange_UpdatesChartWithNewOptions()
    {
        var cut = RenderChart(PullRequests());

        cut.Render(p => p.Add(c => c.Chart, PullRequests(merged3: 9)));

        var update = _module.VerifyInvoke("update");
        Assert.IsType<IJSObjectReference>(update.Arguments[0], exactMatch: false);
        Assert.Equal("[1,2,9]", OptionsOf(update)["series"]![1]!["data"]!.ToJsonString());
        _module.VerifyInvoke("create", calledTimes: 1);

        // The figure names the options it expects drawn; the module is told the same name, and a change is a new name.
        var created = (string?)_module.VerifyInvoke("create").Arguments[2];
        Assert.Equal(update.Arguments[2], cut.Find("figure").GetAttribute("data-expected"));
        Assert.NotEqual(created, update.Arguments[2]);
    }

    [Fact]
    public void Render_EqualSeriesAgain_DoesNotUpdate()
    {
        var cut = RenderChart(PullRequests());

        cut.Render(p => p.Add(c => c.Chart, PullRequests()));

        _module.VerifyNotInvoke("update");
    }

    [Fact]
    public async Task DisposeAsync_AfterCreate_DestroysChart()
    {
        RenderChart(PullRequests());

        await DisposeComponentsAsync();

        var destroy = _module.VerifyInvoke("destroy");
        Assert.IsType<IJSObjectReference>(destroy.Arguments[0], exactMatch: false);
    }

    [Fact]
    public async Task DisposeAsync_CircuitGone_DoesNotThrow()
    {
        _module.SetupVoid("destroy", _ => true).SetException(new JSDisconnectedException("The circuit is gone."));
        RenderChart(PullRequests());

        await DisposeComponentsAsync();

        _module.VerifyInvoke("destroy");
    }

    [Fact]
    public void Render_EmptySeriesList_ShowsEmptyTextWithoutCreate()
    {
        var cut = RenderChart(new ChartSpec(ChartKind.Bar, []));

        Assert.Equal("No data yet.", cut.Find(".chart-message").TextContent);
        Assert.True(cut.Find(".chart-canvas").HasAttribute("hidden"));
        _module.VerifyNotInvoke("create");
        JSInterop.VerifyNotInvoke("import");
    }

    [Fact]
    public void Render_SeriesBecomeEmpty_DestroysChartAndShowsEmptyText()
    {
        var cut = RenderChart(PullRequests());

        cut.Render(p => p.Add(c => c.Chart, new ChartSpec(ChartKind.Line, [new ChartSeries("Opened", [])])));

        _module.VerifyInvoke("destroy");
        _module.VerifyNotInvoke("update");
        Assert.Equal("No data yet.", cut.Find(".chart-message").TextContent);
    }
}
