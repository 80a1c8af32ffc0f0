using Microsoft.Playwright;

namespace Health.Browser.Tests.Infrastructure;

/// <summary>The table view of one chart card (<c>[data-chart]</c>): its columns as the CSV names them, and its cells as shown.</summary>
public sealed record CardTable(string Chart, IReadOnlyList<string> Header, IReadOnlyList<bool> Plotted, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>
    /// How many values the chart should draw per series, from the table alone: one series a plotted column (a heatmap: a
    /// row, bottom row first as ApexCharts orders them), one value a cell that is not blank.
    /// </summary>
    public IReadOnlyList<int> ExpectedPoints(string kind)
    {
        var plotted = Enumerable.Range(1, Header.Count - 1).Where(c => Plotted[c]).ToList();
        return kind == "heatmap"
            ? [.. Rows.Reverse().Select(r => plotted.Count(c => r[c].Length > 0))]
            : [.. plotted.Select(c => Rows.Count(r => r[c].Length > 0))];
    }

    /// <summary>
    /// How many values of each plotted column stand alone, a blank (or nothing) on either side: a line chart draws each
    /// as a marker, and no other value gets one.
    /// </summary>
    public IReadOnlyList<int> ExpectedMarkers()
    {
        var plotted = Enumerable.Range(1, Header.Count - 1).Where(c => Plotted[c]).ToList();
        bool Blank(int row, int column) => row < 0 || row >= Rows.Count || Rows[row][column].Length == 0;
        return Rows.Count < 2
            ? [.. plotted.Select(_ => 0)]
            : [.. plotted.Select(c => Enumerable.Range(0, Rows.Count).Count(r => !Blank(r, c) && Blank(r - 1, c) && Blank(r + 1, c)))];
    }

    /// <summary>Whether the chart has nothing to draw: no plotted cell holds a value other than zero.</summary>
    public bool NothingToDraw => Rows.All(r => Enumerable.Range(1, Header.Count - 1).Where(c => Plotted[c]).All(c => r[c] is "" or "0"));

    /// <summary>The table as the CSV writes it: a header line and a line a row, comma-separated (no cell here needs quoting).</summary>
    public IReadOnlyList<string> CsvLines => [string.Join(",", Header), .. Rows.Select(r => string.Join(",", r))];
}

/// <summary>Reads the chart cards of the repository and compare pages.</summary>
public static class ChartCards
{
    private const string ReadScript = """
        card => ({
            chart: card.getAttribute('data-chart'),
            header: [...card.querySelectorAll('table thead th')].map(th => th.getAttribute('data-column')),
            plotted: [...card.querySelectorAll('table thead th')].map(th => th.getAttribute('data-plotted') === 'true'),
            rows: [...card.querySelectorAll('table tbody tr')].map(tr => [...tr.children].map(c => c.textContent.trim())),
        })
        """;

    /// <summary>Every chart card's table, in page order.</summary>
    public static async Task<IReadOnlyList<CardTable>> TablesAsync(IPage page)
    {
        var cards = await page.Locator("[data-chart]").EvaluateAllAsync<TableJson[]>($"cards => cards.map({ReadScript})");
        return [.. cards.Select(c => new CardTable(c.Chart, c.Header, c.Plotted, [.. c.Rows]))];
    }

    /// <summary>
    /// Asserts that each card's chart draws exactly its table: as many series as plotted columns (or heatmap rows), as many
    /// values in each as non-blank cells, a marker on each value standing alone and on no other; or the empty text when the
    /// table has nothing to draw.
    /// </summary>
    public static async Task AssertChartsDrawTheirTablesAsync(IPage page)
    {
        var tables = await TablesAsync(page);
        var charts = await PageCharts.ChartsAsync(page);
        Assert.Equal(tables.Count, charts.Count);
        Assert.NotEmpty(tables);
        foreach (var (table, chart) in tables.Zip(charts))
        {
            Assert.NotEmpty(table.Rows);
            if (chart.Message is not null)
            {
                Assert.True(table.NothingToDraw, $"{table.Chart} shows '{chart.Message}' though its table has values.");
                continue;
            }

            Assert.False(table.NothingToDraw, $"{table.Chart} draws a chart of an empty table.");
            Assert.True(table.ExpectedPoints(chart.Kind).SequenceEqual(chart.PointsPerSeries), $"{table.Chart} ({chart.Kind}) draws [{string.Join(", ", chart.PointsPerSeries)}] values per series; its table has [{string.Join(", ", table.ExpectedPoints(chart.Kind))}].");
            if (chart.Kind is "line" or "area")
            {
                Assert.True(table.ExpectedMarkers().SequenceEqual(chart.MarkersPerSeries), $"{table.Chart} draws [{string.Join(", ", chart.MarkersPerSeries)}] markers per series; its table has [{string.Join(", ", table.ExpectedMarkers())}] values standing alone.");
            }
        }
    }

    /// <summary>Downloads a card's CSV through its link, as a person clicking it would, and returns its lines.</summary>
    public static async Task<IReadOnlyList<string>> DownloadCsvAsync(IPage page, string chart)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-chart='{chart}'] a.csv").ClickAsync());
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text[..^1].Split('\n');
    }

    /// <summary>What the script returns (Playwright fills a type through its parameterless constructor and setters).</summary>
    private sealed class TableJson
    {
        public string Chart { get; set; } = string.Empty;

        public string[] Header { get; set; } = [];

        public bool[] Plotted { get; set; } = [];

        public string[][] Rows { get; set; } = [];
    }
}
