using System.Text;
using Health.Core.Reports.Content;

namespace Health.Core.Reports.Rendering;

/// <summary>The report in Markdown (GitHub-flavoured tables), every GitHub value escaped by <see cref="MarkdownText"/>: the webhook's <c>text</c>.</summary>
public static class MarkdownReport
{
    public static string Render(ReportContent report) => TextOutline.Write(report, new Style());

    private sealed class Style : ITextStyle
    {
        public string Value(string raw) => MarkdownText.Escape(raw);

        public string Link(string text, string url) => MarkdownText.Link(text, url);

        public void Heading(StringBuilder b, int level, string text) => b.Append('#', level).Append(' ').Append(text).Append("\n\n");

        public void Table(StringBuilder b, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
        {
            Row(b, header);
            b.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", header.Count - 2))).Append(" --- |\n");
            foreach (var row in rows)
            {
                Row(b, row);
            }

            b.Append('\n');
        }

        private static void Row(StringBuilder b, IReadOnlyList<string> cells) => b.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
    }
}
