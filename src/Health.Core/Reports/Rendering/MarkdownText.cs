using System.Text;

namespace Health.Core.Reports.Rendering;

/// <summary>
/// Makes a value from GitHub inert in Markdown (CommonMark, and Slack- or Mattermost-style chat): its punctuation cannot
/// start emphasis, links, code, headings or tables; &lt;, &gt; and &amp; become entities (which chat services also read), so
/// no HTML tag or chat-service link survives; and an <c>@</c> is followed by a zero-width space so that no one is mentioned.
/// </summary>
public static class MarkdownText
{
    private const string MarkdownPunctuation = "\\`*_[](){}#|~!";

    public static string Escape(string raw)
    {
        var b = new StringBuilder(raw.Length + 8);
        foreach (var c in raw)
        {
            switch (c)
            {
                case '&':
                    b.Append("&amp;");
                    break;
                case '<':
                    b.Append("&lt;");
                    break;
                case '>':
                    b.Append("&gt;");
                    break;
                case '@':
                    b.Append("@\u200B");
                    break;
                case var p when MarkdownPunctuation.Contains(p, StringComparison.Ordinal):
                    b.Append('\\').Append(p);
                    break;
                case var control when char.IsControl(control):
                    b.Append(' ');
                    break;
                default:
                    b.Append(c);
                    break;
            }
        }

        return b.ToString();
    }

    /// <summary>A link target that cannot end the link early or break out of it (parentheses, spaces and angle brackets percent-encoded).</summary>
    public static string Url(string url) => url
        .Replace("(", "%28", StringComparison.Ordinal)
        .Replace(")", "%29", StringComparison.Ordinal)
        .Replace(" ", "%20", StringComparison.Ordinal)
        .Replace("<", "%3C", StringComparison.Ordinal)
        .Replace(">", "%3E", StringComparison.Ordinal);

    /// <summary>A link whose text is escaped.</summary>
    public static string Link(string text, string url) => $"[{Escape(text)}]({Url(url)})";
}
