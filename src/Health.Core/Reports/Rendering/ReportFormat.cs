using System.Globalization;
using Health.Core.Dashboard;
using Health.Core.Reports.Content;

namespace Health.Core.Reports.Rendering;

/// <summary>How every rendering writes numbers, changes and durations: invariant culture, the same words in each format.</summary>
public static class ReportFormat
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>A count whole ("1,234"), hours ("12.5 h", or days from 48 h: "3.2 d"), a rate as a percentage ("67%"); "—" for blank.</summary>
    public static string Value(double? value, MetricUnit unit) => value switch
    {
        null => "—",
        { } v => unit switch
        {
            MetricUnit.Rate => Percent(v),
            MetricUnit.Hours => Hours(v),
            _ => v.ToString("#,0.#", C),
        },
    };

    /// <summary>"+2 (+20%)", "-4.5 h (-36%)", "no change", or empty when the two periods cannot be compared.</summary>
    public static string Change(MetricChange m)
    {
        if (m.Delta is not { } d)
        {
            return string.Empty;
        }

        if (d == 0)
        {
            return "no change";
        }

        var sign = d > 0 ? "+" : "-";
        var amount = m.Unit == MetricUnit.Rate
            ? $"{sign}{Math.Abs(d * 100).ToString("0.#", C)} pts"
            : sign + Value(Math.Abs(d), m.Unit);
        return m.Relative is { } r && m.Unit != MetricUnit.Rate ? $"{amount} ({sign}{Math.Abs(r * 100).ToString("0", C)}%)" : amount;
    }

    /// <summary>The verdict in a word: better, worse, unchanged, changed (neither way is healthier) or empty.</summary>
    public static string Verdict(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Better => "better",
        ChangeVerdict.Worse => "worse",
        ChangeVerdict.Unchanged => "unchanged",
        ChangeVerdict.Neutral => "changed",
        _ => string.Empty,
    };

    /// <summary>The text with its first letter upper case, to start a sentence or a heading.</summary>
    public static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"week" or "month".</summary>
    public static string PeriodWord(Metrics.Formulas.PeriodKind kind) => ReportPeriods.Name(kind);

    public static string Percent(double fraction) => (fraction * 100).ToString("0", C) + "%";

    public static string Hours(double hours) => hours >= 48 ? (hours / 24).ToString("0.#", C) + " d" : hours.ToString("0.#", C) + " h";

    /// <summary>How long something has waited: "12 d", "5 h", "under an hour".</summary>
    public static string Waiting(TimeSpan waited) =>
        waited >= TimeSpan.FromDays(2) ? $"{Math.Floor(waited.TotalDays).ToString("0", C)} d"
        : waited >= TimeSpan.FromHours(1) ? $"{Math.Floor(waited.TotalHours).ToString("0", C)} h"
        : "under an hour";

    public static string Utc(DateTime value) => value.ToString("yyyy-MM-dd HH:mm 'UTC'", C);

    public static string Outcome(FirstPrOutcome outcome) => outcome switch
    {
        FirstPrOutcome.Merged => "merged",
        FirstPrOutcome.ClosedUnmerged => "closed without merging",
        _ => "open",
    };

    /// <summary>"12 pull requests wait" / "1 issue waits" / "nothing waits".</summary>
    public static string WaitingSummary(WaitingList list, string singular, string plural) => list.Total switch
    {
        0 => $"No {plural} wait for a first response.",
        1 => $"1 {singular} waits for a first response.",
        var n => $"{n.ToString("#,0", C)} {plural} wait for a first response{(n > list.Items.Count ? $"; the {list.Items.Count} waiting longest:" : ":")}",
    };

    /// <summary>"Of the 4 newcomers of September 2026, 1 opened another PR within 90 days (25%)."</summary>
    public static string Retention(RetentionCohort cohort) => cohort.Newcomers switch
    {
        0 => $"No newcomers in {(cohort.Kind == Metrics.Formulas.PeriodKind.Week ? "the " : string.Empty)}{cohort.PeriodText}, the cohort whose 90 days just completed.",
        var n => $"Of the {n.ToString("#,0", C)} newcomer{(n == 1 ? string.Empty : "s")} of {(cohort.Kind == Metrics.Formulas.PeriodKind.Week ? "the " : string.Empty)}{cohort.PeriodText}, {cohort.Retained.ToString("#,0", C)} opened another PR within 90 days"
            + (cohort.Rate is { } rate ? $" ({Percent(rate)})." : " so far (not final until the data is synced 90 days past the cohort's end)."),
    };

    /// <summary>"120 reviews by 9 reviewers; the busiest made 45%, the top 3 80%." (and the period before).</summary>
    public static string ReviewLoad(ReviewLoadShares load, ReviewLoadShares previous)
    {
        var now = load.Reviews == 0
            ? "No reviews this period."
            : $"{load.Reviews.ToString("#,0", C)} review{(load.Reviews == 1 ? string.Empty : "s")} by {load.Reviewers.ToString("#,0", C)} reviewer{(load.Reviewers == 1 ? string.Empty : "s")}; the busiest reviewer made {Percent(load.Top1 ?? 0)} of them, the top 3 {Percent(load.Top3 ?? 0)}.";
        var before = previous.Reviews == 0
            ? "Before: no reviews."
            : $"Before: {previous.Reviews.ToString("#,0", C)} by {previous.Reviewers.ToString("#,0", C)}, the busiest {Percent(previous.Top1 ?? 0)}.";
        return $"{now} {before}";
    }

    /// <summary>The intake in three sentences: PRs by origin against the period before, the response target (missed called out), reviewing spent on unmerged PRs.</summary>
    public static IReadOnlyList<string> Intake(Content.IntakeSummary intake)
    {
        if (intake.Current is not { } now)
        {
            return ["No pull request activity this period."];
        }

        var before = intake.Previous;
        var origins = string.Join(", ", Metrics.PrOrigins.Columns.Select(o =>
            $"{OriginWord(o)} {now.Opened[o].ToString("#,0", C)}{(before is null ? string.Empty : $" ({before.Opened[o].ToString("#,0", C)} before)")}"));
        var hours = intake.TargetHours.ToString("0.##", C);
        var target = now.TargetDecided == 0
            ? $"First-response target ({hours} h): no PR can be judged yet."
            : now.TargetMet == now.TargetDecided
                ? $"First-response target ({hours} h): kept for all {now.TargetDecided.ToString("#,0", C)} PRs that can be judged."
                : $"First-response target ({hours} h): MISSED for {(now.TargetDecided - now.TargetMet).ToString("#,0", C)} of {now.TargetDecided.ToString("#,0", C)} PRs (met for {Percent(now.ResponseTargetRate ?? 0)}).";
        var unmerged = now.ResponsesOnFinished == 0
            ? "No finished PR received a response."
            : $"{Percent(now.UnmergedResponseShare ?? 0)} of the {now.ResponsesOnFinished.ToString("#,0", C)} responses on finished PRs went to PRs closed without merging.";
        return [$"PRs opened by origin: {origins}.", target, unmerged];
    }

    private static string OriginWord(Metrics.PrOrigin origin) => origin switch
    {
        Metrics.PrOrigin.Maintainer => "maintainers",
        Metrics.PrOrigin.Returning => "returning contributors",
        Metrics.PrOrigin.Newcomer => "newcomers",
        Metrics.PrOrigin.Agent => "AI agents",
        _ => "bots",
    };
}
