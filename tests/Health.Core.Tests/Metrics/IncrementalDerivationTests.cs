using GitHubSimulator;
using Health.Core.GitHub.Sync;
using Health.Core.Metrics;
using Health.Core.Storage;
using Health.Core.Tests.GitHub.GraphQL;
using Health.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Tests.Metrics;

/// <summary>The facts each sync page derives for what it touched are exactly what a whole derivation of the repository gives.</summary>
public class IncrementalDerivationTests
{
    [Theory]
    [InlineData("Rest")]
    [InlineData("GraphQL")]
    public async Task Sync_BackfillThenChanges_DerivesAsAWholeDerivationWould(string mode)
    {
        await using var h = await GraphQLHarness.StartAsync(new WorldOptions { Prs = 200, End = SyncHarness.WorldEnd }, mode: mode);
        Assert.Equal(SyncOutcome.Succeeded, (await h.SyncAsync()).Outcome);
        await AssertFreshAndEqualToWholeAsync(h);

        var w = h.World;
        var people = w.Accounts.Where(a => a.Type == AccountTypes.User && a.Login is not ("ghost" or "ci-helper")).Take(4).ToList();
        var bot = w.Accounts.First(a => a.Type == AccountTypes.Bot);
        var unanswered = h.Repo.Pulls.First(p => h.Repo.Reviews.All(r => r.PullNumber != p.Number) && h.Repo.IssueComments.All(c => c.IssueNumber != p.Number) && p.User is not null);
        var responder = people.First(p => p.Id != unanswered.User!.Id);
        w.AddIssueComment(h.Repo, unanswered.Number, bot);
        w.AddReviewComment(h.Repo, unanswered.Number, responder);
        w.AddReview(h.Repo, h.Repo.Pulls[3].Number, responder, ReviewStates.Approved);
        w.AddIssueComment(h.Repo, h.Repo.Issues[0].Number, people[2]);
        var fresh = w.AddPull(h.Repo, people[3], "new");
        w.AddIssueComment(h.Repo, fresh.Number, people[0]);

        Assert.Equal(SyncOutcome.Succeeded, (await h.SyncAsync()).Outcome);

        await AssertFreshAndEqualToWholeAsync(h);
        await using var db = h.NewDb();
        Assert.NotNull((await db.PullRequests.SingleAsync(p => p.Number == unanswered.Number)).FirstResponseAt);
    }

    /// <summary>
    /// Tracking records a repository's derivation state where none is; a sync on another worker may have recorded one meanwhile
    /// (its first page), and that one stands: no duplicate-key failure, no sequence moved back.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StartStates_StateRecordedMeanwhileBySync_IsKept(DatabaseProvider provider)
    {
        await using var h = await SyncHarness.StartAsync(new WorldOptions { Prs = 30, End = SyncHarness.WorldEnd }, provider: provider);
        Assert.Equal(SyncOutcome.Succeeded, (await h.SyncAsync()).Outcome);
        await using var db = h.NewDb();
        var id = await db.Repositories.Select(r => r.Id).SingleAsync();
        var before = await db.DerivedStates.AsNoTracking().SingleAsync(s => s.RepositoryId == id);
        Assert.True(before.Sequence > 0);

        await h.Service<DerivedFacts>().StartStatesAsync(db, [id, id], CancellationToken.None);

        var after = await db.DerivedStates.AsNoTracking().SingleAsync(s => s.RepositoryId == id);
        Assert.Equal((before.BotRules, before.Sequence, before.WholeSequence), (after.BotRules, after.Sequence, after.WholeSequence));
    }

    /// <summary>An account that turns bot changes facts beyond the page that shows it: the repository's facts become stale, to be derived again whole.</summary>
    [Fact]
    public async Task Sync_AnAccountTurnsBot_MarksTheFactsStaleAndAWholeDerivationFollowsTheNewFlag()
    {
        await using var h = await GraphQLHarness.StartAsync(new WorldOptions { Prs = 120, End = SyncHarness.WorldEnd }, mode: "Rest");
        Assert.Equal(SyncOutcome.Succeeded, (await h.SyncAsync()).Outcome);
        var derived = h.Service<DerivedFacts>();
        Assert.False((await derived.VersionsAsync([1], CancellationToken.None)).Single().Stale);

        var human = h.Repo.Pulls.Select(p => p.User).OfType<SimAccount>().First(a => a.Type == AccountTypes.User && a.Login is not ("ghost" or "ci-helper"));
        h.World.RenameAccount(human.Id, human.Login + "[bot]");
        h.World.AddPull(h.Repo, human, "sent by what is now a bot");
        Assert.Equal(SyncOutcome.Succeeded, (await h.SyncAsync()).Outcome);

        Assert.True((await derived.VersionsAsync([1], CancellationToken.None)).Single().Stale);
        Assert.Equal(1, await derived.DeriveStaleAsync(null, null, CancellationToken.None));
        await using var db = h.NewDb();
        Assert.False(await db.ActivityDays.Join(db.Accounts, d => d.AccountId, a => a.Id, (d, a) => a).AnyAsync(a => a.Id == human.Id && !a.IsBot));
    }

    /// <summary>After a sync, the facts are fresh (no whole derivation due), and a whole derivation changes nothing.</summary>
    private static async Task AssertFreshAndEqualToWholeAsync(SyncHarness h)
    {
        var before = await SnapshotAsync(h);
        await using (var db = h.NewDb())
        {
            var state = await db.DerivedStates.SingleAsync();
            Assert.Equal(h.Service<DerivedFacts>().CurrentRules, state.BotRules);
            Assert.True(state.Sequence > state.WholeSequence, "the sync's pages derived their facts");
            Assert.Equal(state.Sequence, await db.PullRequests.MaxAsync(p => p.FactsSequence));
            Assert.True(before.ActivityDays > 0 && before.FirstResponses > 0, "the comparison would prove nothing");

            // Make the facts look stale, so that the next view derives the whole repository again.
            state.BotRules = "stale";
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await h.Service<DerivedFacts>().DeriveStaleAsync([1], null, CancellationToken.None));

        var whole = await SnapshotAsync(h);
        Assert.Equal(whole.Lines, before.Lines);
    }

    private static async Task<(List<string> Lines, int ActivityDays, int FirstResponses)> SnapshotAsync(SyncHarness h)
    {
        await using var db = h.NewDb();
        var pulls = await db.PullRequests.AsNoTracking().OrderBy(p => p.Number).Select(p => $"pr {p.Number} {p.FirstResponseAt:O} {p.FirstReviewAt:O}").ToListAsync();
        var issues = await db.Issues.AsNoTracking().OrderBy(i => i.Number).Select(i => $"issue {i.Number} {i.FirstResponseAt:O}").ToListAsync();
        var days = await db.ActivityDays.AsNoTracking().OrderBy(d => d.Day).ThenBy(d => d.AccountId).Select(d => $"day {d.AccountId} {d.Day:O}").ToListAsync();
        var responses = await db.PullRequests.CountAsync(p => p.FirstResponseAt != null);
        return ([.. pulls, .. issues, .. days], days.Count, responses);
    }
}
