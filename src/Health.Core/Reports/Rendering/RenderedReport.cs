using Health.Core.Export;
using Health.Core.Reports.Content;

namespace Health.Core.Reports.Rendering;

/// <summary>A report in every format it is delivered and archived in.</summary>
public sealed record RenderedReport(string Subject, string Html, string Markdown, string Text, string Csv, string WebhookJson)
{
    public static async Task<RenderedReport> RenderAsync(ReportContent content, CancellationToken ct)
    {
        var markdown = MarkdownReport.Render(content);
        await using var csv = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        await MetricsCsv.WriteAsync(csv, content.PeriodRows, ct);
        return new RenderedReport(content.Title, HtmlReport.Render(content), markdown, PlainTextReport.Render(content), csv.ToString(), WebhookPayload.Render(content, markdown));
    }
}
