using System.Text;
using Health.Core.Dashboard;
using Health.Core.Reports.Content;

namespace Health.Core.Reports.Rendering;

/// <summary>The report as lines: the same sections and words in Markdown and in plain text, each through its <see cref="ITextStyle"/>.</summary>
internal static class TextOutline
{
    public static string Write(ReportContent report, ITextStyle style)
    {
        var b = new StringBuilder();
        style.Heading(b, 1, style.Value(report.Title));
        b.Append(ReportFormat.Capitalised(report.PeriodText)).Append(", compared with ").Append(report.PreviousText).Append(". Made ")
            .Append(ReportFormat.Utc(report.GeneratedAt)).Append(". Bots are left out; a dash means there was nothing to measure.\n\n");
        if (report.Group is { } group)
        {
            style.Heading(b, 2, $"All {style.Value(group.Label)} together");
            Metrics(b, group.Metrics, report, style);
        }

        foreach (var repo in report.Repositories)
        {
            style.Heading(b, 2, style.Link(repo.FullName, repo.Url));
            style.Heading(b, 3, "Key metrics");
            Metrics(b, repo.Metrics, report, style);
            style.Heading(b, 3, "Waiting longest for a first response");
            Waiting(b, repo.WaitingPrs, "pull request", "pull requests", style);
            Waiting(b, repo.WaitingIssues, "issue", "issues", style);
            style.Heading(b, 3, "Newcomers to welcome");
            if (repo.Newcomers.Count == 0)
            {
                b.Append("Nobody opened a first PR in the ").Append(ReportFormat.PeriodWord(report.Kind)).Append(".\n\n");
            }
            else
            {
                foreach (var n in repo.Newcomers)
                {
                    b.Append("- ").Append(style.Link(n.Login, n.ProfileUrl)).Append(": first PR ").Append(style.Link($"#{n.FirstPrNumber} {n.FirstPrTitle}", n.FirstPrUrl))
                        .Append(" (").Append(ReportFormat.Outcome(n.Outcome)).Append(")\n");
                }

                b.Append('\n');
            }

            style.Heading(b, 3, "Newcomer retention");
            b.Append(ReportFormat.Retention(repo.Retention)).Append("\n\n");
            style.Heading(b, 3, "Review load");
            b.Append(ReportFormat.ReviewLoad(repo.ReviewLoad, repo.PreviousReviewLoad)).Append("\n\n");
            if (repo.Intake is { } intake)
            {
                style.Heading(b, 3, "Intake");
                foreach (var line in ReportFormat.Intake(intake))
                {
                    b.Append("- ").Append(line).Append('\n');
                }

                b.Append('\n');
            }
        }

        b.Append("Made by Health from the collected GitHub activity.\n");
        return b.ToString();
    }

    private static void Metrics(StringBuilder b, IReadOnlyList<MetricChange> metrics, ReportContent report, ITextStyle style)
    {
        var word = ReportFormat.PeriodWord(report.Kind);
        style.Table(
            b,
            ["Metric", $"This {word}", $"{ReportFormat.Capitalised(word)} before", "Change"],
            [.. metrics.Select(m => (IReadOnlyList<string>)
            [
                m.Label,
                ReportFormat.Value(m.Current, m.Unit),
                ReportFormat.Value(m.Previous, m.Unit),
                m.Verdict is ChangeVerdict.Better or ChangeVerdict.Worse ? $"{ReportFormat.Change(m)} {ReportFormat.Verdict(m.Verdict)}" : ReportFormat.Change(m),
            ])]);
    }

    private static void Waiting(StringBuilder b, WaitingList list, string singular, string plural, ITextStyle style)
    {
        b.Append(ReportFormat.WaitingSummary(list, singular, plural)).Append('\n');
        foreach (var item in list.Items)
        {
            b.Append("- ").Append(style.Link($"#{item.Number} {item.Title}", item.Url)).Append(" by ").Append(style.Value(item.AuthorLogin ?? "a deleted account"))
                .Append(", waiting ").Append(ReportFormat.Waiting(item.Waiting)).Append('\n');
        }

        b.Append('\n');
    }
}
