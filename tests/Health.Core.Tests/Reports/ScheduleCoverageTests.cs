using GitHubSimulator;
using Health.Core.GitHub;
using Health.Core.Metrics.Formulas;
using Health.Core.Reports;
using Health.Core.Reports.Content;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage.Entities;
using Health.Core.Tests.Infrastructure;
using Health.Core.Tracking;

namespace Health.Core.Tests.Reports;

/// <summary>What a report schedule covers once some or all of its repositories are no longer tracked.</summary>
public sealed class ScheduleCoverageTests
{
    private static readonly DateTime Due = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Coverage_RepositoriesUntrackedOneByOne_ReportCoversWhatIsTracked_ThenNothingWithTheReason()
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 10, ExtraRepositories = 1, End = SyncHarness.WorldEnd });
        var widgets = (await h.Tracker.TrackAsync(new RepositoryName("acme", "widgets"), CancellationToken.None)).Repository.Id;
        var widgets2 = (await h.Tracker.TrackAsync(new RepositoryName("acme", "widgets-2"), CancellationToken.None)).Repository.Id;
        var schedule = await AddScheduleAsync(h, "acme/widgets, acme/widgets-2");
        await using var db = h.NewDb();

        var all = await ScheduleCoverage.OfAsync(db, "acme/widgets, acme/widgets-2", CancellationToken.None);
        Assert.False(all.CoversNothing);
        Assert.Null(all.Problem);
        Assert.Equal(["acme/widgets", "acme/widgets-2"], all.Tracked.Select(r => r.FullName));

        // One untracked (its data kept): the report covers the other one, and the schedule says what is missing.
        Assert.Null(await h.Service<RepositoryCatalog>().RemoveAsync(widgets2, deleteData: false, CancellationToken.None));
        var part = await ScheduleCoverage.OfAsync(db, "acme/widgets, acme/widgets-2", CancellationToken.None);
        Assert.Equal(["acme/widgets"], part.Tracked.Select(r => r.FullName));
        Assert.Equal("acme/widgets", part.Scope?.Label);
        Assert.Equal("Partly out of date (acme/widgets-2 is not tracked any more): the report covers only acme/widgets.", part.Problem);
        var run = await h.Service<ReportRuns>().EnsureScheduledAsync(schedule, Due, CancellationToken.None);
        Assert.Equal("acme/widgets", run?.Repositories);
        Assert.StartsWith("Health report for acme/widgets: week of 2026-10-26 to 2026-11-01", run?.Subject, StringComparison.Ordinal);

        // An organisation's schedule covers its tracked repositories only.
        var owner = await ScheduleCoverage.OfAsync(db, "acme/*", CancellationToken.None);
        Assert.Equal(["acme/widgets"], owner.Tracked.Select(r => r.FullName));
        Assert.Null(owner.Problem);

        // The report verb still reads an untracked repository's kept data; a schedule may not be saved with it.
        Assert.NotNull((await ResolvedScope.ResolveAsync(db, [Target("acme/widgets-2")], CancellationToken.None)).Scope);
        var (refused, error) = await ResolvedScope.ResolveTrackedAsync(db, [Target("acme/widgets-2")], CancellationToken.None);
        Assert.Null(refused);
        Assert.Equal("acme/widgets-2 is not tracked: add it on the Repositories page first.", error);

        // The other one deleted with its data: nothing to report, and the reason, for the schedule, the organisation and the run.
        Assert.Null(await h.Service<RepositoryCatalog>().RemoveAsync(widgets, deleteData: true, CancellationToken.None));
        var none = await ScheduleCoverage.OfAsync(db, "acme/widgets, acme/widgets-2", CancellationToken.None);
        Assert.True(none.CoversNothing);
        Assert.Null(none.Scope);
        Assert.Equal(
            "Covers no tracked repository (acme/widgets is not tracked any more; acme/widgets-2 is not tracked any more): nothing is made or sent until one is tracked again on the Repositories page, or the schedule is edited.",
            none.Problem);
        Assert.StartsWith("Covers no tracked repository (no repository of 'acme' is tracked): ", (await ScheduleCoverage.OfAsync(db, "acme/*", CancellationToken.None)).Problem, StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<ReportScopeException>(() => h.Service<ReportRuns>().EnsureScheduledAsync(schedule, Due.AddDays(7), CancellationToken.None));
        Assert.Equal($"Report 'Both': {none.Problem}", e.Message);
    }

    private static TrackTarget Target(string text) => TrackTarget.TryParse(text, out var target, out var error) ? target : throw new ArgumentException(error);

    private static async Task<int> AddScheduleAsync(SyncHarness h, string scope)
    {
        await using var db = h.NewDb();
        var schedule = new ReportSchedule
        {
            Name = "Both",
            Scope = scope,
            Cron = "0 8 * * 1",
            TimeZone = "UTC",
            Period = PeriodKind.Week,
            WebhookUrl = "https://hooks.example.org/services/T0/B0/x",
            CreatedAt = Due.AddDays(-30),
            UpdatedAt = Due.AddDays(-30),
        };
        db.ReportSchedules.Add(schedule);
        await db.SaveChangesAsync();
        return schedule.Id;
    }
}
