using System.Text;
using Health.Core.Reports.Content;

namespace Health.Core.Reports.Rendering;

/// <summary>The report as plain text (the email's text part): values as they are, since plain text interprets nothing; links in angle brackets after their text.</summary>
public static class PlainTextReport
{
    public static string Render(ReportContent report) => TextOutline.Write(report, new Style());

    private sealed class Style : ITextStyle
    {
        public string Value(string raw) => raw;

        public string Link(string text, string url) => $"{text} <{url}>";

        public void Heading(StringBuilder b, int level, string text)
        {
            b.Append(text).Append('\n');
            if (level < 3)
            {
                b.Append(level == 1 ? '=' : '-', Math.Min(text.Length, 72)).Append('\n');
            }

            b.Append('\n');
        }

        public void Table(StringBuilder b, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
        {
            var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
            Row(b, header, widths);
            foreach (var row in rows)
            {
                Row(b, row, widths);
            }

            b.Append('\n');
        }

        private static void Row(StringBuilder b, IReadOnlyList<string> cells, int[] widths)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                var numeric = i is > 0 && i < cells.Count - 1;
                b.Append(numeric ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
                b.Append(i < cells.Count - 1 ? "  " : string.Empty);
            }

            while (b.Length > 0 && b[^1] == ' ')
            {
                b.Length--;
            }

            b.Append('\n');
        }
    }
}
