using System.Xml.Linq;
using Health.Web.Badges;

namespace Health.Web.Tests.Export;

/// <summary>The badge drawing: well-formed SVG whose boxes follow the measured text, with every text escaped.</summary>
public sealed class BadgeSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_HostileText_IsEscaped_AndTheSvgParses()
    {
        var svg = XDocument.Parse(BadgeSvg.Render("a<b>&\"c'", "<script>x</script>", BadgeSvg.Green, "t</title><script>"));

        Assert.Empty(svg.Descendants(Svg + "script"));
        Assert.Equal("t</title><script>", svg.Root!.Element(Svg + "title")!.Value);
        Assert.Equal(["a<b>&\"c'", "<script>x</script>"], svg.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Render_WiderValue_WiderBadge_TextPinnedToItsMeasuredWidth()
    {
        var narrow = XDocument.Parse(BadgeSvg.Render("merge rate", "1%", BadgeSvg.Red, "t"));
        var wide = XDocument.Parse(BadgeSvg.Render("merge rate", "100%", BadgeSvg.Green, "t"));

        Assert.True(Width(wide) > Width(narrow));
        Assert.True(BadgeSvg.TextWidth("WWW") > BadgeSvg.TextWidth("iii"));
        var value = wide.Descendants(Svg + "text").Last();
        Assert.Equal(BadgeSvg.TextWidth("100%"), double.Parse(value.Attribute("textLength")!.Value, System.Globalization.CultureInfo.InvariantCulture), precision: 1);
    }

    private static double Width(XDocument svg) => double.Parse(svg.Root!.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
}
