using Bunit;
using Health.Testing;
using Health.Web.Components.Charts;
using Microsoft.JSInterop;

namespace Health.Web.Tests.Components.Charts;

/// <summary>An ApexChart disposed (navigation, closed tab) while its chart is still being created.</summary>
public sealed class ApexChartDisposeTests : BunitContext
{
    [Fact]
    public async Task DisposeAsync_WhileCreating_DestroysChartOnceCreatedAndIgnoresUpdates()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        var module = JSInterop.SetupModule(ApexChart.ModulePath);
        var create = new PendingCreate();
        module.AddInvocationHandler(create);
        module.SetupVoid("destroy", _ => true).SetVoidResult();
        var spec = new ChartSpec(ChartKind.Area, [new ChartSeries("Reviews", [new("W1", 1), new("W2", 2)])]);
        var cut = Render<ApexChart>(p => p.Add(c => c.Title, "Reviews").Add(c => c.Chart, spec));
        cut.Render(p => p.Add(c => c.Chart, spec with { Height = 200 }));

        await DisposeComponentsAsync();
        module.VerifyNotInvoke("destroy");
        var chart = new FakeChart();
        await cut.InvokeAsync(() => create.Complete(chart));

        // The component's continuation after create returns runs on the renderer's dispatcher.
        await Eventually.TrueAsync(() => module.Invocations["destroy"].Count > 0, "the chart to be destroyed once created", TimeSpan.FromSeconds(10));
        var destroy = module.VerifyInvoke("destroy");
        Assert.Same(chart, destroy.Arguments[0]);
        Assert.True(chart.Disposed);
        module.VerifyNotInvoke("update");
    }

    /// <summary>A create call that returns when the test says so (bUnit's module setups return at once).</summary>
    private sealed class PendingCreate() : JSRuntimeInvocationHandlerBase<IJSObjectReference>(i => i.Identifier == "create", isCatchAllHandler: false)
    {
        public override bool IsVoidResultHandler => false;

        public void Complete(IJSObjectReference chart) => SetResultBase(chart);
    }

    /// <summary>The handle the JS module's create returns.</summary>
    private sealed class FakeChart : IJSObjectReference
    {
        public bool Disposed { get; private set; }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new NotSupportedException();

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => throw new NotSupportedException();

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
