using System.Text;

namespace Health.Core.Reports.Rendering;

/// <summary>How a line-based rendering (Markdown, plain text) writes each element of a report.</summary>
internal interface ITextStyle
{
    /// <summary>A value from GitHub, made safe for the format (or left as it is where nothing can be interpreted).</summary>
    string Value(string raw);

    string Link(string text, string url);

    void Heading(StringBuilder b, int level, string text);

    void Table(StringBuilder b, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows);
}
