using Health.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Health.Browser.Tests.Charts;

/// <summary>
/// <see cref="PageCharts.ChartsAsync(IPage)"/> against charts of known shape, drawn by the app's own copy of ApexCharts in
/// the markup of the ApexChart component, with the options ApexOptions writes (no page of the app draws a chart yet).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartsTests(BrowserFixture fixture)
{
    /// <summary>Markup and options as ApexChart.razor and ApexOptions.Build make them; gaps are nulls.</summary>
    private const string DrawScript = """
        async () => {
            const figure = (id, title) => `<figure class="chart"><figcaption class="chart-title">${title}</figcaption><div class="chart-box" style="height: 300px"><div id="${id}" class="chart-canvas" role="img" aria-label="${title}"></div></div></figure>`;
            document.body.innerHTML = '<main style="width: 900px">'
                + figure('line', 'Pull requests opened')
                + figure('bars', 'Merged and closed')
                + figure('heatmap', 'Reviews by weekday and hour')
                + '<figure class="chart"><figcaption class="chart-title">Nothing yet</figcaption><div class="chart-box" style="height: 300px"><div class="chart-canvas" hidden></div><p class="chart-message">No data yet.</p></div></figure>'
                + '</main>';
            const base = (type, extra) => ({
                chart: { type, height: 300, background: 'transparent', fontFamily: 'inherit', toolbar: { show: false }, zoom: { enabled: false }, animations: { enabled: false }, sparkline: { enabled: false }, stacked: false, ...extra },
                dataLabels: { enabled: false },
                stroke: { width: type === 'line' || type === 'area' ? 2 : type === 'heatmap' ? 1 : 0 },
            });
            const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
            const charts = [
                new ApexCharts(document.getElementById('line'), { ...base('line'),
                    series: [{ name: 'Opened', data: [12, 15, null, 9, 20] }, { name: 'Merged', data: [10, 11, 14, 8, 17] }],
                    xaxis: { categories: months }, yaxis: {}, legend: { show: true } }),
                new ApexCharts(document.getElementById('bars'), { ...base('bar', { stacked: true }),
                    series: [{ name: 'Merged', data: [5, 0, 7, null, 3] }, { name: 'Closed unmerged', data: [1, 2, null, null, 0] }],
                    xaxis: { categories: months }, yaxis: {}, legend: { show: true } }),
                new ApexCharts(document.getElementById('heatmap'), { ...base('heatmap'),
                    series: ['Mon', 'Tue', 'Wed'].map((name, row) => ({ name, data: ['09', '12', '15', '18'].map((x, i) => ({ x, y: row === 1 && i === 2 ? null : row * 4 + i })) })),
                    xaxis: {}, yaxis: {}, legend: { show: false } }),
            ];
            for (const chart of charts) {
                await chart.render();
            }
        }
        """;

    [Fact]
    public async Task ChartsAsync_KnownLineBarAndHeatmap_CountsSeriesAndPoints()
    {
        // The script as the app serves it, added as inline content: Chromium does not let about:blank load from loopback.
        using var http = new HttpClient();
        var apexcharts = await http.GetStringAsync(fixture.App.Url("/lib/apexcharts/apexcharts.min.js"));
        await using var page = await fixture.OpenAsync();
        await page.Page.GotoAsync("about:blank");
        await page.Page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = apexcharts });

        await page.Page.EvaluateAsync(DrawScript);
        var charts = await PageCharts.ChartsAsync(page.Page);

        Assert.Equal(
            [
                "Pull requests opened: line [4, 5]",
                "Merged and closed: bar [4, 3]",
                "Reviews by weekday and hour: heatmap [4, 3, 4]",
                "Nothing yet: none [] No data yet.",
            ],
            charts.Select(c => $"{c.Title}: {c.Kind} [{string.Join(", ", c.PointsPerSeries)}]{(c.Message is null ? "" : $" {c.Message}")}"));
        Assert.Equal([2, 2, 3, 0], charts.Select(c => c.Series));
        Assert.Equal([9, 7, 11, 0], charts.Select(c => c.Points));
        page.AssertNoProblems();
    }
}
