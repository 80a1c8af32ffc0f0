using System.Text.Json;
using Health.Core.Dashboard;
using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Content;

namespace Health.Core.Reports.Rendering;

/// <summary>
/// The webhook's JSON body: <c>text</c> is the Markdown report (what Slack- and Mattermost-style incoming webhooks post
/// as the message), and <c>report</c> holds the same content as structured fields for other receivers.
/// </summary>
public static class WebhookPayload
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };

    public static string Render(ReportContent report, string markdown) => JsonSerializer.Serialize(
        new
        {
            Text = markdown,
            Report = new
            {
                report.Title,
                report.Scope,
                Period = new { Kind = ReportPeriods.Name(report.Kind), Start = Periods.Label(report.PeriodStart), End = Periods.Label(report.PeriodEnd), PreviousStart = Periods.Label(report.PreviousStart) },
                report.GeneratedAt,
                Group = report.Group is { } g ? new { g.Label, Metrics = g.Metrics.Select(Metric) } : null,
                Repositories = report.Repositories.Select(r => new
                {
                    Repo = r.FullName,
                    r.Url,
                    Metrics = r.Metrics.Select(Metric),
                    WaitingPrs = Waiting(r.WaitingPrs),
                    WaitingIssues = Waiting(r.WaitingIssues),
                    Newcomers = r.Newcomers.Select(n => new { n.Login, n.ProfileUrl, FirstPr = new { Number = n.FirstPrNumber, Title = n.FirstPrTitle, Url = n.FirstPrUrl, Outcome = ReportFormat.Outcome(n.Outcome) } }),
                    Retention = new { CohortStart = Periods.Label(r.Retention.PeriodStart), r.Retention.Newcomers, r.Retention.Retained, Rate = Round(r.Retention.Rate, 4) },
                    ReviewLoad = Load(r.ReviewLoad),
                    PreviousReviewLoad = Load(r.PreviousReviewLoad),
                    Intake = r.Intake is { Current: { } now } intake ? new
                    {
                        PrsOpened = Metrics.PrOrigins.Columns.ToDictionary(Metrics.PrOrigins.Name, o => now.Opened[o]),
                        PreviousPrsOpened = intake.Previous is { } before ? Metrics.PrOrigins.Columns.ToDictionary(Metrics.PrOrigins.Name, o => before.Opened[o]) : null,
                        intake.TargetHours,
                        TargetMet = now.TargetMet,
                        TargetDecided = now.TargetDecided,
                        TargetMissed = now.TargetDecided > now.TargetMet,
                        ResponseTargetRate = Round(now.ResponseTargetRate, 4),
                        now.ResponsesOnFinished,
                        now.ResponsesOnUnmerged,
                        UnmergedResponseShare = Round(now.UnmergedResponseShare, 4),
                    } : null,
                }),
            },
        },
        Json);

    private static object Metric(MetricChange m) => new
    {
        m.Column,
        m.Label,
        Current = Round(m.Current, m.Unit == MetricUnit.Rate ? 4 : 2),
        Previous = Round(m.Previous, m.Unit == MetricUnit.Rate ? 4 : 2),
        Change = ReportFormat.Change(m),
        Verdict = m.Verdict.ToString().ToLowerInvariant(),
    };

    private static object Waiting(WaitingList list) => new
    {
        list.Total,
        Items = list.Items.Select(i => new { i.Number, i.Title, Author = i.AuthorLogin, i.CreatedAt, WaitingHours = Round(i.Waiting.TotalHours, 2), i.Url }),
    };

    private static object Load(ReviewLoadShares l) => new { l.Reviews, l.Reviewers, Top1 = Round(l.Top1, 4), Top3 = Round(l.Top3, 4), Top10 = Round(l.Top10, 4) };

    private static double? Round(double? value, int decimals) => value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;
}
