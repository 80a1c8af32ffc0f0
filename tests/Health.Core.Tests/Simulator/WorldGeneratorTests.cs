using GitHubSimulator;
using static Health.Core.Tests.Simulator.SimulatorTestKit;

namespace Health.Core.Tests.Simulator;

public sealed class WorldGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_ProducesIdenticalWorld()
    {
        string a = Fingerprint(NewWorld(prs: 300, seed: 11));
        string b = Fingerprint(NewWorld(prs: 300, seed: 11));
        string c = Fingerprint(NewWorld(prs: 300, seed: 12));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Generate_EveryItem_UpdatedAtIsItsLatestEventAndChildrenFollowParents()
    {
        World world = WorldGenerator.Generate(new WorldOptions { Prs = 400, End = End, ExtraRepositories = 1 });

        foreach (SimRepository repo in world.Repositories)
        {
            var reviews = repo.Reviews.Where(r => r.SubmittedAt is not null).ToLookup(r => r.PullNumber, r => r.SubmittedAt!.Value);
            var comments = repo.IssueComments.ToLookup(c => c.IssueNumber, c => c.CreatedAt);
            var reviewComments = repo.ReviewComments.ToLookup(c => c.PullNumber, c => c.CreatedAt);
            foreach (SimPull pull in repo.Pulls)
            {
                DateTime[] events = [pull.CreatedAt, pull.ClosedAt ?? pull.CreatedAt, .. reviews[pull.Number], .. comments[pull.Number], .. reviewComments[pull.Number]];
                Assert.Equal(events.Max(), pull.UpdatedAt);
                Assert.All(events, e => Assert.True(e >= pull.CreatedAt && e <= End));
                Assert.All(comments[pull.Number].Concat(reviews[pull.Number]), e => Assert.True(e > pull.CreatedAt));
                Assert.Equal(pull.State == "open", pull.ClosedAt is null);
                Assert.True(pull.MergedAt is null || pull.MergedAt == pull.ClosedAt);
            }

            foreach (SimIssue issue in repo.Issues)
            {
                DateTime[] events = [issue.CreatedAt, issue.ClosedAt ?? issue.CreatedAt, .. comments[issue.Number]];
                Assert.Equal(events.Max(), issue.UpdatedAt);
            }

            Assert.All(repo.IssueComments, c => Assert.True(c.UpdatedAt >= c.CreatedAt && c.UpdatedAt <= End));
            int[] numbers = [.. repo.Pulls.Select(p => p.Number), .. repo.Issues.Select(i => i.Number)];
            Assert.Equal(Enumerable.Range(1, numbers.Length), numbers.Order());
            AssertIdsFollowTime(repo.Pulls.Select(p => (p.Id, p.CreatedAt)));
            AssertIdsFollowTime(repo.IssueComments.Select(c => (c.Id, c.CreatedAt)));
        }
    }

    [Fact]
    public void Generate_DefaultMix_HasBotsGhostDeletedAuthorsAndAllOutcomes()
    {
        World world = NewWorld(prs: 2000);
        List<SimPull> pulls = world.Repo("acme", "widgets").Pulls;

        double bots = pulls.Count(p => p.User is { Type: "Bot" } || p.User?.Login == "ci-helper") / (double)pulls.Count;
        double merged = pulls.Count(p => p.MergedAt is not null) / (double)pulls.Count;
        double open = pulls.Count(p => p.State == "open") / (double)pulls.Count;

        Assert.InRange(bots, 0.06, 0.14);
        Assert.InRange(merged, 0.5, 0.7);
        Assert.InRange(open, 0.1, 0.3);
        Assert.Contains(pulls, p => p.User is null);
        Assert.Contains(pulls, p => p.User is { Login: "ghost", Id: 10137 });
        Assert.Contains(pulls, p => p.Draft);
        Assert.Equal(400, world.Repo("acme", "widgets").Issues.Count);
        Assert.Contains(world.Repo("acme", "widgets").Reviews, r => r.State == "PENDING" && r.SubmittedAt is null);
        var perAuthor = pulls.Where(p => p.User is { Type: "User" }).GroupBy(p => p.User!.Id).Select(g => g.Count()).ToList();
        Assert.True(perAuthor.Count(n => n == 1) > perAuthor.Count / 3, "many one-time contributors");
        Assert.True(perAuthor.Max() > pulls.Count / 50, "a few prolific authors");
    }

    private static void AssertIdsFollowTime(IEnumerable<(long Id, DateTime At)> items)
    {
        var ordered = items.OrderBy(x => x.Id).ToList();
        for (int i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].At >= ordered[i - 1].At, $"id {ordered[i].Id} is older than id {ordered[i - 1].Id}");
        }
    }

    private static string Fingerprint(World world)
    {
        var text = new System.Text.StringBuilder();
        foreach (SimRepository repo in world.Repositories)
        {
            foreach (SimPull p in repo.Pulls)
            {
                text.Append($"{p.Id}|{p.Number}|{p.Title}|{p.User?.Login}|{p.State}|{p.CreatedAt:O}|{p.UpdatedAt:O}|{p.MergedAt:O}\n");
            }

            foreach (SimReview r in repo.Reviews)
            {
                text.Append($"{r.Id}|{r.PullNumber}|{r.User?.Login}|{r.State}|{r.SubmittedAt:O}\n");
            }

            foreach (SimIssueComment c in repo.IssueComments)
            {
                text.Append($"{c.Id}|{c.IssueNumber}|{c.User?.Login}|{c.CreatedAt:O}|{c.UpdatedAt:O}\n");
            }
        }

        return text.ToString();
    }
}
