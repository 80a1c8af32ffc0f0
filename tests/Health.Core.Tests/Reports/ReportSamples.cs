using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Reports.Content;

namespace Health.Core.Tests.Reports;

/// <summary>A known report, built by hand: every kind of value, and GitHub strings that try to be markup.</summary>
internal static class ReportSamples
{
    public const string EvilTitle = "<script>alert('x')</script> & *bold* @all [link](javascript:alert(1))";

    public const string EvilLogin = "<b>evil</b>";

    public static readonly DateTime Week = new(2026, 10, 19, 0, 0, 0, DateTimeKind.Utc);

    public static MetricsRow Row(DateTime start, int opened, int merged, double? mergeRate, double? firstResponse, int newcomers, int? busFactor) =>
        new("acme/widgets", start, opened, merged, 1, mergeRate, 7, firstResponse, firstResponse * 3, 2, null, 30.25, 80, 4, 3, 12.5, 100, 9, 2, newcomers, 1, null, 0.5, busFactor);

    public static ReportContent Weekly()
    {
        var current = Row(Week, 12, 8, 0.8, 5.5, 2, 3);
        var previous = Row(Week.AddDays(-7), 10, 8, 0.6667, 10, 0, 2);
        var waitingPrs = new WaitingList(12,
        [
            new WaitingItem(17, EvilTitle, EvilLogin, Week.AddDays(-30), TimeSpan.FromDays(37.5), "https://github.com/acme/widgets/pull/17"),
            new WaitingItem(23, "Add the gadget", null, Week.AddDays(5), TimeSpan.FromHours(30), "https://github.com/acme/widgets/pull/23"),
        ]);
        var waitingIssues = new WaitingList(0, []);
        NewcomerItem[] newcomers =
        [
            new(501, "new_comer", "https://github.com/new_comer", 42, "Fix `docs` typo", "https://github.com/acme/widgets/pull/42", Week.AddDays(2), FirstPrOutcome.Merged),
            new(502, "second-timer", "https://github.com/second-timer", 44, EvilTitle, "https://github.com/acme/widgets/pull/44", Week.AddDays(3), FirstPrOutcome.Open),
        ];
        var repo = new RepositoryReport(
            "acme/widgets",
            "https://github.com/acme/widgets",
            KeyMetrics.Compare(current, previous),
            waitingPrs,
            waitingIssues,
            newcomers,
            new RetentionCohort(new DateTime(2026, 7, 13, 0, 0, 0, DateTimeKind.Utc), PeriodKind.Week, 3, 1, 1.0 / 3),
            new ReviewLoadShares(40, 6, 0.45, 0.8, 1),
            new ReviewLoadShares(0, 0, null, null, null),
            new IntakeSummary(Intake(Week, [3, 10, 4, 2, 7], met: 18, decided: 20, onFinished: 80, onUnmerged: 20), Intake(Week.AddDays(-7), [2, 12, 1, 0, 9], met: 15, decided: 15, onFinished: 50, onUnmerged: 5), 48));
        return new ReportContent("acme/widgets", PeriodKind.Week, Week, Week.AddDays(-7), new DateTime(2026, 10, 26, 8, 0, 0, DateTimeKind.Utc), [repo], null, [current]);
    }

    /// <summary>An intake row: PRs opened by origin (maintainer, returning, newcomer, agent, bot), the target figures, the responses.</summary>
    internal static Health.Core.Metrics.IntakeRow Intake(DateTime start, int[] opened, int met, int decided, int onFinished, int onUnmerged) => new(
        "acme/widgets", start,
        Health.Core.Metrics.PrOrigins.Columns.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => opened[x.i]),
        Health.Core.Metrics.PrOrigins.Columns.ToDictionary(o => o, _ => (double?)null),
        onFinished, onUnmerged, onFinished == 0 ? null : onUnmerged / (double)onFinished, met, decided, decided == 0 ? null : met / (double)decided,
        Health.Core.Metrics.PrSizes.All.ToDictionary(z => z, _ => (double?)null));
}
