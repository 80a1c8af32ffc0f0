using GitHubSimulator;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Health.Testing;

/// <summary>The database holds exactly the simulator's world for a repository: no row missing, none extra, none doubled.</summary>
public static class WorldAssert
{
    public static async Task DatabaseEqualsWorldAsync(HealthDb db, World world, SimRepository repo)
    {
        var repoId = await db.Repositories.Where(r => r.GitHubId == repo.Id).Select(r => r.Id).SingleAsync();
        lock (world.SyncRoot)
        {
            var expectedPulls = repo.Pulls
                .Select(p => $"{p.Id}|{p.Number}|{Author(p.User)}|{p.State}|{p.Draft}|{S(p.CreatedAt)}|{S(p.UpdatedAt)}|{S(p.ClosedAt)}|{S(p.MergedAt)}|{p.Title}")
                .Order(StringComparer.Ordinal).ToList();
            var actualPulls = db.PullRequests.AsNoTracking().Where(p => p.RepositoryId == repoId).AsEnumerable()
                .Select(p => $"{p.Id}|{p.Number}|{p.AuthorId}|{p.State}|{p.Draft}|{S(p.CreatedAt)}|{S(p.UpdatedAt)}|{S(p.ClosedAt)}|{S(p.MergedAt)}|{p.Title}")
                .Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expectedPulls, actualPulls);

            var expectedReviews = repo.Reviews.Where(r => r.State != "PENDING")
                .Select(r => $"{r.Id}|{r.PullNumber}|{Author(r.User)}|{r.State}|{S(r.SubmittedAt)}").Order(StringComparer.Ordinal).ToList();
            var actualReviews = db.Reviews.AsNoTracking().Where(r => r.RepositoryId == repoId).AsEnumerable()
                .Select(r => $"{r.Id}|{r.PullNumber}|{r.AuthorId}|{r.State}|{S(r.SubmittedAt)}").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expectedReviews, actualReviews);

            var expectedComments = repo.IssueComments
                .Select(c => $"{c.Id}|{c.IssueNumber}|{Author(c.User)}|{S(c.CreatedAt)}|{S(c.UpdatedAt)}").Order(StringComparer.Ordinal).ToList();
            var actualComments = db.IssueComments.AsNoTracking().Where(c => c.RepositoryId == repoId).AsEnumerable()
                .Select(c => $"{c.Id}|{c.Number}|{c.AuthorId}|{S(c.CreatedAt)}|{S(c.UpdatedAt)}").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expectedComments, actualComments);

            var expectedReviewComments = repo.ReviewComments
                .Select(c => $"{c.Id}|{c.PullNumber}|{Author(c.User)}|{S(c.CreatedAt)}|{S(c.UpdatedAt)}").Order(StringComparer.Ordinal).ToList();
            var actualReviewComments = db.ReviewComments.AsNoTracking().Where(c => c.RepositoryId == repoId).AsEnumerable()
                .Select(c => $"{c.Id}|{c.PullNumber}|{c.AuthorId}|{S(c.CreatedAt)}|{S(c.UpdatedAt)}").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expectedReviewComments, actualReviewComments);

            var expectedIssues = repo.Issues
                .Select(i => $"{i.Id}|{i.Number}|{Author(i.User)}|{i.State}|{S(i.CreatedAt)}|{S(i.UpdatedAt)}|{S(i.ClosedAt)}|{i.Title}").Order(StringComparer.Ordinal).ToList();
            var actualIssues = db.Issues.AsNoTracking().Where(i => i.RepositoryId == repoId).AsEnumerable()
                .Select(i => $"{i.Id}|{i.Number}|{i.AuthorId}|{i.State}|{S(i.CreatedAt)}|{S(i.UpdatedAt)}|{S(i.ClosedAt)}|{i.Title}").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expectedIssues, actualIssues);

            var accounts = db.Accounts.AsNoTracking().ToDictionary(a => a.Id);
            var authors = repo.Pulls.Select(p => p.User).Concat(repo.Issues.Select(i => i.User))
                .Concat(repo.IssueComments.Select(c => c.User)).Where(u => Author(u) is not null).DistinctBy(u => u!.Id);
            foreach (var user in authors)
            {
                Assert.True(accounts.TryGetValue(user!.Id, out var account), $"account {user.Login} ({user.Id}) missing");
                Assert.Equal(user.Login, account.Login);
            }
        }
    }

    /// <summary>The author id Health stores: none for a deleted account (null, or GitHub's placeholder <c>ghost</c>).</summary>
    private static long? Author(SimAccount? user) => user is null || user.Login == "ghost" ? null : user.Id;

    /// <summary>GitHub serializes to whole seconds.</summary>
    private static string S(DateTime? t) => t is { } v ? new DateTime(v.Ticks - (v.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).ToString("O") : "-";
}
