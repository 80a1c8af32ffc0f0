using System.Globalization;
using System.Text;

namespace Health.Web.Badges;

/// <summary>
/// A README badge in the familiar two-part style (a grey label, a coloured value), drawn here: no badge service, so it
/// works offline. Text is measured with Verdana's advance widths at 11 px (the badge style's font), and pinned to that
/// width with <c>textLength</c>, so a fallback font still fits its box. Every text is XML-escaped.
/// </summary>
public static class BadgeSvg
{
    public const string Green = "#2e7d32";
    public const string Yellow = "#a15c00";
    public const string Red = "#c62828";
    public const string Grey = "#6e6e6e";

    private const double Padding = 6;
    private const double Height = 20;

    /// <summary>Verdana 11 px advance widths of ASCII 32..126, in pixels (rounded; textLength absorbs what is left).</summary>
    private static readonly double[] Widths =
    [
        3.87, 4.33, 5.05, 9.00, 7.00, 11.84, 7.99, 2.69, 4.99, 4.99, 7.00, 9.00, 4.00, 4.99, 4.00, 4.99,
        7.00, 7.00, 7.00, 7.00, 7.00, 7.00, 7.00, 7.00, 7.00, 7.00, 4.99, 4.99, 9.00, 9.00, 9.00, 6.00,
        11.00, 7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 4.99, 7.62, 6.12, 9.27, 8.23, 8.66,
        6.63, 8.66, 7.65, 7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77, 7.54, 4.99, 4.99, 4.99, 9.00, 7.00,
        7.00, 6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.71, 6.96, 6.68,
        6.85, 6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 9.00, 6.51, 6.51, 5.78, 6.98, 4.99, 6.98, 9.00,
    ];

    /// <summary>The width <paramref name="text"/> takes in Verdana 11 px (a character outside ASCII counts as a wide one).</summary>
    public static double TextWidth(string text) => text.Sum(c => c is >= ' ' and <= '~' ? Widths[c - ' '] : 11.0);

    /// <param name="label">The left part, e.g. <c>merge rate</c>.</param>
    /// <param name="value">The right part, e.g. <c>86.7%</c>.</param>
    /// <param name="color">The right part's colour (white text on it).</param>
    /// <param name="title">What a screen reader says, and a tooltip shows.</param>
    public static string Render(string label, string value, string color, string title)
    {
        var labelWidth = Math.Round(TextWidth(label) + (2 * Padding), 1);
        var valueWidth = Math.Round(TextWidth(value) + (2 * Padding), 1);
        var total = labelWidth + valueWidth;
        var c = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(c, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{total:0.#}" height="{Height:0}" role="img" aria-label="{Escape(title)}">""");
        svg.Append(c, $"<title>{Escape(title)}</title>");
        svg.Append(c, $"""<clipPath id="r"><rect width="{total:0.#}" height="{Height:0}" rx="3"/></clipPath><g clip-path="url(#r)">""");
        svg.Append(c, $"""<rect width="{labelWidth:0.#}" height="{Height:0}" fill="#555"/><rect x="{labelWidth:0.#}" width="{valueWidth:0.#}" height="{Height:0}" fill="{Escape(color)}"/></g>""");
        svg.Append("""<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">""");
        Text(svg, label, labelWidth / 2, labelWidth - (2 * Padding));
        Text(svg, value, labelWidth + (valueWidth / 2), valueWidth - (2 * Padding));
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    /// <summary>XML text and attribute escaping (&amp;, &lt;, &gt;, quotes), control characters dropped.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            escaped.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                < ' ' => string.Empty,
                _ => ch.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static void Text(StringBuilder svg, string text, double x, double width)
    {
        var c = CultureInfo.InvariantCulture;
        svg.Append(c, $"""<text x="{x:0.#}" y="14" textLength="{width:0.#}" lengthAdjust="spacingAndGlyphs">{Escape(text)}</text>""");
    }
}
