using Microsoft.Playwright;

namespace Health.Browser.Tests.Infrastructure;

/// <summary>
/// One chart of a page (a <c>figure.chart</c> of the ApexChart component) as drawn: its title, what kind of chart
/// ApexCharts drew, and how many values each series shows. <see cref="Message"/> is the text shown instead of a chart
/// ("No data yet.", "The chart could not be drawn."), or null when a chart is drawn.
/// </summary>
public sealed record ChartInfo(string Title, string Kind, IReadOnlyList<int> PointsPerSeries, string? Message)
{
    /// <summary>The number of series drawn (<c>.apexcharts-series</c> groups in the chart's SVG).</summary>
    public int Series => PointsPerSeries.Count;

    /// <summary>The number of values drawn, over all series; gaps (null values) are not counted.</summary>
    public int Points => PointsPerSeries.Sum();

    /// <summary>The markers drawn in each series (the app marks a value standing alone between gaps; ApexCharts' own placeholders beside gaps, of size 0.1 or 1, are not counted).</summary>
    public IReadOnlyList<int> MarkersPerSeries { get; init; } = [];
}

/// <summary>Reads the ApexCharts charts of a page, for tests of the pages that have charts.</summary>
public static class PageCharts
{
    /// <summary>
    /// How ApexCharts 4.7.0 draws a value, per kind (checked by ChartsTests against charts drawn in the browser):
    /// a bar is a <c>path.apexcharts-bar-area</c> and a heatmap cell a <c>rect.apexcharts-heatmap-rect</c>, each with a
    /// <c>val</c> attribute unless its value is null (a null still gets an element, without <c>val</c>). A line or area
    /// series is one or more <c>path.apexcharts-line</c> / <c>path.apexcharts-area</c> (split at gaps) with one vertex per
    /// value; with markers off no element stands for a single value, so the distinct x positions of the vertices (M and L
    /// points, and the end point of each C curve) are counted, with those of the markers the app puts on values standing
    /// alone between gaps (ApexCharts draws no line for them, and none at all for one in the last place; the markers'
    /// size is at least 2, unlike the 0.1 and 1 ApexCharts gives its own placeholders beside gaps). Series are ordered by <c>data:realIndex</c>, the order
    /// they were given in (ApexCharts draws heatmap rows bottom-up).
    /// </summary>
    private const string ReadScript = """
        figures => figures.map(figure => {
            const title = figure.querySelector('figcaption')?.textContent.trim() ?? '';
            const message = figure.querySelector('.chart-message')?.textContent.trim() || null;
            const svg = figure.querySelector('svg');
            if (!svg) {
                return { title, kind: 'none', points: [], markers: [], message };
            }
            const xsOf = path => {
                const xs = [];
                const tokens = (path.getAttribute('d') ?? '').match(/[MLCQSTHVAZmlcqsthvaz]|-?[\d.]+(?:e[-+]?\d+)?/g) ?? [];
                let command = null, numbers = [];
                const flush = () => {
                    if (command === 'M' || command === 'L' || command === 'T') {
                        for (let i = 0; i + 1 < numbers.length; i += 2) xs.push(numbers[i]);
                    } else if (command === 'C') {
                        for (let i = 0; i + 5 < numbers.length; i += 6) xs.push(numbers[i + 4]);
                    } else if (command === 'Q' || command === 'S') {
                        for (let i = 0; i + 3 < numbers.length; i += 4) xs.push(numbers[i + 2]);
                    }
                    numbers = [];
                };
                for (const token of tokens) {
                    if (/^[A-Za-z]$/.test(token)) { flush(); command = token; } else { numbers.push(Number(token)); }
                }
                flush();
                return xs.filter(Number.isFinite);
            };
            const series = [...svg.querySelectorAll('.apexcharts-series')]
                .sort((a, b) => Number(a.getAttribute('data:realIndex')) - Number(b.getAttribute('data:realIndex')));
            let kind = 'unknown';
            const points = series.map(s => {
                const cells = s.querySelectorAll('.apexcharts-heatmap-rect');
                const bars = s.querySelectorAll('.apexcharts-bar-area');
                const lines = s.querySelectorAll('path.apexcharts-line, path.apexcharts-area');
                if (cells.length > 0) {
                    kind = 'heatmap';
                    return [...cells].filter(c => c.hasAttribute('val')).length;
                }
                if (bars.length > 0) {
                    kind = 'bar';
                    return [...bars].filter(b => b.hasAttribute('val')).length;
                }
                if (lines.length > 0) {
                    kind = s.querySelector('path.apexcharts-area') ? 'area' : 'line';
                    const marked = [...s.querySelectorAll('[default-marker-size]')]
                        .filter(m => Number(m.getAttribute('default-marker-size')) >= 2)
                        .map(m => xsOf(m)[0]);
                    return new Set([...[...lines].flatMap(xsOf), ...marked].map(x => x.toFixed(1))).size;
                }
                return 0;
            });
            const markers = series.map(s => [...s.querySelectorAll('[default-marker-size]')].filter(m => Number(m.getAttribute('default-marker-size')) >= 2).length);
            return { title, kind, points, markers, message };
        })
        """;

    /// <summary>
    /// Every <c>figure.chart</c> of the page, in page order, once every chart of the page has either drawn its current data
    /// (its <c>data-drawn</c> equals its <c>data-expected</c>) or shown its message: charts are drawn after the page renders,
    /// by the component's JS module, and redrawn after the data changes.
    /// </summary>
    public static Task<IReadOnlyList<ChartInfo>> ChartsAsync(IPage page) => ChartsAsync(page.Locator("body"));

    /// <summary>The charts inside <paramref name="scope"/> (e.g. one card), once every chart of the page is drawn.</summary>
    public static async Task<IReadOnlyList<ChartInfo>> ChartsAsync(ILocator scope)
    {
        await scope.Page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('figure.chart')].every(f => f.querySelector('.chart-message') || (f.querySelector('svg .apexcharts-series') && f.dataset.drawn === f.dataset.expected))",
            null,
            new PageWaitForFunctionOptions { PollingInterval = 50 });
        var charts = await scope.Locator("figure.chart").EvaluateAllAsync<ChartJson[]>(ReadScript);
        return [.. charts.Select(c => new ChartInfo(c.Title, c.Kind, c.Points, c.Message) { MarkersPerSeries = c.Markers })];
    }

    /// <summary>What the script returns (Playwright fills a type through its parameterless constructor and setters).</summary>
    private sealed class ChartJson
    {
        public string Title { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public int[] Points { get; set; } = [];

        public int[] Markers { get; set; } = [];

        public string? Message { get; set; }
    }
}
