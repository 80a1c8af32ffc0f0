using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Health.Core.Dashboard;
using Health.Core.Reports.Content;

namespace Health.Core.Reports.Rendering;

/// <summary>
/// The report as one self-contained HTML document with inline styles (what email clients keep). Every value is
/// HTML-encoded, so a PR titled <c>&lt;script&gt;</c> is text; links are attribute-encoded.
/// </summary>
public static class HtmlReport
{
    private const string Muted = "color:#59636e";
    private const string Cell = "padding:4px 8px;border-bottom:1px solid #d1d9e0;text-align:left";
    private const string NumberCell = "padding:4px 8px;border-bottom:1px solid #d1d9e0;text-align:right;white-space:nowrap";

    // Letters of every script stay readable; only what HTML treats as markup (<, >, &, quotes) is encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(ReportContent report)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<title>").Append(E(report.Title)).Append("</title>\n</head>\n");
        h.Append("<body style=\"margin:0 auto;padding:16px;max-width:760px;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:#1f2328;background:#ffffff\">\n");
        h.Append("<h1 style=\"font-size:22px\">").Append(E(report.Title)).Append("</h1>\n");
        h.Append("<p style=\"").Append(Muted).Append("\">").Append(E($"{ReportFormat.Capitalised(report.PeriodText)}, compared with {report.PreviousText}. Made {ReportFormat.Utc(report.GeneratedAt)}."))
            .Append(" Bots are left out; a dash means there was nothing to measure.</p>\n");
        if (report.Group is { } group)
        {
            h.Append("<h2 style=\"font-size:19px\">All ").Append(E(group.Label)).Append(" together</h2>\n");
            Metrics(h, group.Metrics, report);
        }

        foreach (var repo in report.Repositories)
        {
            Repository(h, repo, report);
        }

        h.Append("<p style=\"").Append(Muted).Append(";font-size:13px\">Made by Health from the collected GitHub activity.</p>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void Repository(StringBuilder h, RepositoryReport repo, ReportContent report)
    {
        h.Append("<h2 style=\"font-size:19px;border-top:1px solid #d1d9e0;padding-top:12px\">").Append(Link(repo.Url, repo.FullName)).Append("</h2>\n");
        h.Append("<h3 style=\"font-size:16px\">Key metrics</h3>\n");
        Metrics(h, repo.Metrics, report);
        h.Append("<h3 style=\"font-size:16px\">Waiting longest for a first response</h3>\n");
        Waiting(h, repo.WaitingPrs, "pull request", "pull requests");
        Waiting(h, repo.WaitingIssues, "issue", "issues");
        h.Append("<h3 style=\"font-size:16px\">Newcomers to welcome</h3>\n");
        if (repo.Newcomers.Count == 0)
        {
            h.Append("<p>Nobody opened a first PR in the ").Append(E(ReportFormat.PeriodWord(report.Kind))).Append(".</p>\n");
        }
        else
        {
            h.Append("<ul>\n");
            foreach (var n in repo.Newcomers)
            {
                h.Append("<li>").Append(Link(n.ProfileUrl, n.Login)).Append(": first PR ").Append(Link(n.FirstPrUrl, $"#{n.FirstPrNumber} {n.FirstPrTitle}"))
                    .Append(" (").Append(E(ReportFormat.Outcome(n.Outcome))).Append(")</li>\n");
            }

            h.Append("</ul>\n");
        }

        h.Append("<h3 style=\"font-size:16px\">Newcomer retention</h3>\n<p>").Append(E(ReportFormat.Retention(repo.Retention))).Append("</p>\n");
        h.Append("<h3 style=\"font-size:16px\">Review load</h3>\n<p>").Append(E(ReportFormat.ReviewLoad(repo.ReviewLoad, repo.PreviousReviewLoad))).Append("</p>\n");
        if (repo.Intake is { } intake)
        {
            h.Append("<h3 style=\"font-size:16px\">Intake</h3>\n");
            foreach (var line in ReportFormat.Intake(intake))
            {
                h.Append("<p>").Append(E(line)).Append("</p>\n");
            }
        }
    }

    private static void Metrics(StringBuilder h, IReadOnlyList<MetricChange> metrics, ReportContent report)
    {
        h.Append("<table style=\"border-collapse:collapse;width:100%\">\n<thead><tr>");
        h.Append("<th style=\"").Append(Cell).Append("\">Metric</th>");
        h.Append("<th style=\"").Append(NumberCell).Append("\">").Append("This ").Append(E(ReportFormat.PeriodWord(report.Kind))).Append("</th>");
        h.Append("<th style=\"").Append(NumberCell).Append("\">").Append(E(ReportFormat.Capitalised(ReportFormat.PeriodWord(report.Kind)))).Append(" before</th>");
        h.Append("<th style=\"").Append(Cell).Append("\">Change</th></tr></thead>\n<tbody>\n");
        foreach (var m in metrics)
        {
            h.Append("<tr data-metric=\"").Append(E(m.Column)).Append("\"><td style=\"").Append(Cell).Append("\">").Append(E(m.Label)).Append("</td>");
            h.Append("<td style=\"").Append(NumberCell).Append("\">").Append(E(ReportFormat.Value(m.Current, m.Unit))).Append("</td>");
            h.Append("<td style=\"").Append(NumberCell).Append("\">").Append(E(ReportFormat.Value(m.Previous, m.Unit))).Append("</td>");
            h.Append("<td style=\"").Append(Cell).Append(';').Append(VerdictColour(m.Verdict)).Append("\">").Append(E(ReportFormat.Change(m)));
            if (ReportFormat.Verdict(m.Verdict) is { Length: > 0 } verdict && m.Verdict is ChangeVerdict.Better or ChangeVerdict.Worse)
            {
                h.Append(" <strong>").Append(E(verdict)).Append("</strong>");
            }

            h.Append("</td></tr>\n");
        }

        h.Append("</tbody>\n</table>\n");
    }

    private static void Waiting(StringBuilder h, WaitingList list, string singular, string plural)
    {
        h.Append("<p>").Append(E(ReportFormat.WaitingSummary(list, singular, plural))).Append("</p>\n");
        if (list.Items.Count == 0)
        {
            return;
        }

        h.Append("<ul>\n");
        foreach (var item in list.Items)
        {
            h.Append("<li>").Append(Link(item.Url, $"#{item.Number} {item.Title}")).Append(" by ").Append(E(item.AuthorLogin ?? "a deleted account"))
                .Append(", waiting ").Append(E(ReportFormat.Waiting(item.Waiting))).Append("</li>\n");
        }

        h.Append("</ul>\n");
    }

    private static string VerdictColour(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Better => "color:#1a7f37",
        ChangeVerdict.Worse => "color:#d1242f",
        _ => Muted,
    };

    private static string Link(string url, string text) => $"<a href=\"{E(url)}\" style=\"color:#0969da\">{E(text)}</a>";

    private static string E(string value) => Encoder.Encode(value);
}
