using Health.Core.Reports.Rendering;

namespace Health.Core.Tests.Reports;

/// <summary>Values from GitHub cannot format, link, embed HTML or mention anyone in Markdown.</summary>
public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("<script>", "&lt;script&gt;")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`")]
    [InlineData("[a](b) ![c](d)", "\\[a\\]\\(b\\) \\!\\[c\\]\\(d\\)")]
    [InlineData("# h | t ~s~ \\", "\\# h \\| t \\~s\\~ \\\\")]
    [InlineData("ping @channel", "ping @\u200Bchannel")]
    [InlineData("line\nbreak", "line break")]
    [InlineData("Ünïcode ok", "Ünïcode ok")]
    public void Escape_Value_IsInert(string raw, string expected) => Assert.Equal(expected, MarkdownText.Escape(raw));

    [Fact]
    public void Link_UrlWithParentheses_CannotCloseTheLinkEarly() =>
        Assert.Equal("[x](https://e.org/a%28b%29%20c)", MarkdownText.Link("x", "https://e.org/a(b) c"));
}
