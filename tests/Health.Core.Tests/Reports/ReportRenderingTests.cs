using System.Runtime.CompilerServices;
using System.Text.Json;
using Health.Core.Reports.Content;
using Health.Core.Reports.Rendering;

namespace Health.Core.Tests.Reports;

/// <summary>
/// The renderings of a known report: the HTML and Markdown equal their snapshots (set HEALTH_UPDATE_SNAPSHOTS=1 to
/// rewrite them after a deliberate change, then read the diff), and no value from GitHub is markup in any format.
/// </summary>
public sealed class ReportRenderingTests
{
    [Fact]
    public void Html_KnownReport_EqualsSnapshot() => AssertSnapshot("weekly-report.html", HtmlReport.Render(ReportSamples.Weekly()));

    [Fact]
    public void Markdown_KnownReport_EqualsSnapshot() => AssertSnapshot("weekly-report.md", MarkdownReport.Render(ReportSamples.Weekly()));

    [Fact]
    public void Html_GitHubValues_AreEncodedText()
    {
        var html = HtmlReport.Render(ReportSamples.Weekly());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>evil", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; *bold* @all", html, StringComparison.Ordinal);
        Assert.Contains("by &lt;b&gt;evil&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_GitHubValues_CannotFormatLinkOrMention()
    {
        var md = MarkdownReport.Render(ReportSamples.Weekly());

        Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("@all", md, StringComparison.Ordinal);
        Assert.DoesNotContain("](javascript", md, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert\\('x'\\)&lt;/script&gt; &amp;", md, StringComparison.Ordinal);
        Assert.Contains("\\*bold\\* @\u200Ball \\[link\\]\\(javascript:alert\\(1\\)\\)", md, StringComparison.Ordinal);
        Assert.Contains("[new\\_comer](https://github.com/new_comer)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_GitHubValues_AreAsTheyAre()
    {
        var text = PlainTextReport.Render(ReportSamples.Weekly());

        Assert.Contains($"#17 {ReportSamples.EvilTitle} <https://github.com/acme/widgets/pull/17> by {ReportSamples.EvilLogin}, waiting 37 d", text, StringComparison.Ordinal);
        Assert.Contains("new_comer <https://github.com/new_comer>: first PR #42 Fix `docs` typo", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_TextIsTheMarkdown_AndFieldsCarryTheContent()
    {
        var report = ReportSamples.Weekly();
        var markdown = MarkdownReport.Render(report);

        using var json = JsonDocument.Parse(WebhookPayload.Render(report, markdown));

        var root = json.RootElement;
        Assert.Equal(markdown, root.GetProperty("text").GetString());
        var body = root.GetProperty("report");
        Assert.Equal("2026-10-19", body.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal("2026-10-26", body.GetProperty("period").GetProperty("end").GetString());
        var repo = body.GetProperty("repositories")[0];
        Assert.Equal("acme/widgets", repo.GetProperty("repo").GetString());
        var prsOpened = repo.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("column").GetString() == "prs_opened");
        Assert.Equal((12, 10, "better"), (prsOpened.GetProperty("current").GetInt32(), prsOpened.GetProperty("previous").GetInt32(), prsOpened.GetProperty("verdict").GetString()));
        Assert.Equal(ReportSamples.EvilTitle, repo.GetProperty("waiting_prs").GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal(12, repo.GetProperty("waiting_prs").GetProperty("total").GetInt32());
        Assert.Equal("new_comer", repo.GetProperty("newcomers")[0].GetProperty("login").GetString());
        Assert.Equal(0.3333, repo.GetProperty("retention").GetProperty("rate").GetDouble());
    }

    [Theory]
    [InlineData("merge_rate", "80%", "67%", "+13.3 pts", ChangeVerdict.Better)]
    [InlineData("pr_first_response_median_h", "5.5 h", "10 h", "-4.5 h (-45%)", ChangeVerdict.Better)]
    [InlineData("pr_merge_median_h", "30.3 h", "30.3 h", "no change", ChangeVerdict.Unchanged)]
    [InlineData("issue_close_median_h", null, null, null, null)]
    [InlineData("newcomers", "2", "0", "+2", ChangeVerdict.Better)]
    [InlineData("bus_factor", "3", "2", "+1 (+50%)", ChangeVerdict.Better)]
    public void KeyMetrics_ChangesAndVerdicts_ReadAsAMaintainerExpects(string column, string? current, string? previous, string? change, ChangeVerdict? verdict)
    {
        var metric = ReportSamples.Weekly().Repositories[0].Metrics.SingleOrDefault(m => m.Column == column);
        if (current is null)
        {
            Assert.Null(metric); // not a key metric
            return;
        }

        Assert.NotNull(metric);
        Assert.Equal(current, ReportFormat.Value(metric.Current, metric.Unit));
        Assert.Equal(previous, ReportFormat.Value(metric.Previous, metric.Unit));
        Assert.Equal(change, ReportFormat.Change(metric));
        Assert.Equal(verdict, metric.Verdict);
    }

    [Fact]
    public void Verdict_MoreOpenPrsOrSlowerAnswers_IsWorse()
    {
        Assert.Equal(ChangeVerdict.Worse, new MetricChange("open_prs_at_end", "", MetricUnit.Count, HealthDirection.LowerIsBetter, 9, 7).Verdict);
        Assert.Equal(ChangeVerdict.Neutral, new MetricChange("issues_opened", "", MetricUnit.Count, HealthDirection.Neutral, 9, 7).Verdict);
        Assert.Equal(ChangeVerdict.NotComparable, new MetricChange("merge_rate", "", MetricUnit.Rate, HealthDirection.HigherIsBetter, null, 0.5).Verdict);
    }

    private static void AssertSnapshot(string name, string actual, [CallerFilePath] string source = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", name);
        if (Environment.GetEnvironmentVariable("HEALTH_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No snapshot {path}: run once with HEALTH_UPDATE_SNAPSHOTS=1 and review it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
