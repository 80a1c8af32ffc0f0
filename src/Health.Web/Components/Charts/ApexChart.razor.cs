using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Health.Web.Components.Charts;

/// <summary>
/// A chart drawn by ApexCharts in the browser. The options are shaped in C# (<see cref="ApexOptions"/>); the
/// collocated JS module only creates, updates and destroys the chart. The space is reserved at the chart's height,
/// and a series list without values shows <see cref="EmptyText"/> instead of a chart.
/// </summary>
public sealed partial class ApexChart : ComponentBase, IAsyncDisposable
{
    internal const string ModulePath = "./Components/Charts/ApexChart.razor.js";

    private ElementReference _canvas;
    private IJSObjectReference? _module;
    private IJSObjectReference? _chart;
    private string? _drawn;
    private System.Text.Json.Nodes.JsonObject? _options;
    private string? _json;
    private string? _hash;
    private bool _syncing;
    private bool _again;
    private bool _failed;
    private bool _disposed;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<ApexChart> Logger { get; set; } = default!;

    /// <summary>The title shown above the chart, and the chart's accessible name.</summary>
    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    /// <summary>What the chart shows.</summary>
    [Parameter, EditorRequired]
    public ChartSpec Chart { get; set; } = default!;

    /// <summary>The text shown when no series has a value.</summary>
    [Parameter]
    public string EmptyText { get; set; } = "No data yet.";

    private bool ShowsChart => Chart.HasData && !_failed;

    /// <summary>
    /// Shapes the options once per new <see cref="Chart"/>. Their hash is rendered as the figure's <c>data-expected</c>,
    /// and the module writes it to <c>data-drawn</c> once ApexCharts has drawn them: the two agree when the drawing in
    /// the browser shows the current data (tests wait for that; a person sees the chart change).
    /// </summary>
    protected override void OnParametersSet()
    {
        _options = Chart.HasData ? ApexOptions.Build(Chart) : null;
        _json = _options?.ToJsonString();
        _hash = _json is null ? null : ((uint)StringComparer.Ordinal.GetHashCode(_json)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Renders can come while a JS call is awaited: one loop draws the latest parameters, in order.
        if (_syncing)
        {
            _again = true;
            return;
        }
        _syncing = true;
        try
        {
            do
            {
                _again = false;
                await SyncAsync();
            }
            while (_again && !_disposed);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        catch (JSException e)
        {
            Logger.LogWarning(e, "Chart {Title} could not be drawn.", Title);
            _failed = true;
            StateHasChanged();
        }
        finally
        {
            _syncing = false;
        }
        if (_disposed)
        {
            await ReleaseAsync();
        }
    }

    /// <summary>Brings the browser's chart in line with the parameters: creates, updates or destroys it.</summary>
    private async Task SyncAsync()
    {
        var options = ShowsChart ? _options : null;
        var json = ShowsChart ? _json : null;
        var hash = _hash;
        if (_disposed || json == _drawn)
        {
            return;
        }
        if (options is null)
        {
            await DestroyChartAsync();
            return;
        }
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        if (_disposed)
        {
            return;
        }
        if (_chart is null)
        {
            _chart = await _module.InvokeAsync<IJSObjectReference>("create", _canvas, options, hash);
        }
        else
        {
            await _module.InvokeVoidAsync("update", _chart, options, hash);
        }
        _drawn = json;
    }

    private async Task DestroyChartAsync()
    {
        var chart = _chart;
        _chart = null;
        _drawn = null;
        if (chart is not null && _module is not null)
        {
            await _module.InvokeVoidAsync("destroy", chart);
            await chart.DisposeAsync();
        }
    }

    /// <summary>Destroys the chart and lets the module go; the circuit may be gone already.</summary>
    private async Task ReleaseAsync()
    {
        try
        {
            await DestroyChartAsync();
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        _module = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        // A draw in progress releases when its JS call returns; later renders and updates are ignored.
        if (!_syncing)
        {
            await ReleaseAsync();
        }
    }
}
