using Bunit;
using GitHubSimulator;
using Health.Core.GitHub;
using Health.Core.GitHub.Sync;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Components.Repository;

/// <summary>
/// A world whose history ends on 2024-03-20 (an archived project, as the simulator's demo worlds are), synced into a real
/// SQLite file: acme/widgets and the smaller acme/widgets-2; the clock stands at <see cref="SyncedWorldFixture.Now"/>, long after.
/// </summary>
public sealed class QuietWorldFixture : SyncedWorldFixture
{
    public static readonly DateTime End = new(2024, 3, 20, 0, 0, 0, DateTimeKind.Utc);

    public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

    public RepositoryPageFixture.PageContext NewContext() => NewContext<RepositoryPageFixture.PageContext>();

    /// <summary>
    /// The repository's last activity read straight from its rows: the latest PR or issue opened, closed or merged, review
    /// submitted, or comment written (by anyone).
    /// </summary>
    public async Task<DateTime> LastActivityAsync(string fullName)
    {
        var id = Ids[fullName];
        await using var db = await Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync();
        var prs = await db.PullRequests.Where(p => p.RepositoryId == id).Select(p => new[] { p.CreatedAt, p.ClosedAt ?? p.CreatedAt, p.MergedAt ?? p.CreatedAt }).ToListAsync();
        var issues = await db.Issues.Where(i => i.RepositoryId == id).Select(i => new[] { i.CreatedAt, i.ClosedAt ?? i.CreatedAt }).ToListAsync();
        var reviews = await db.Reviews.Where(r => r.RepositoryId == id && r.SubmittedAt != null).Select(r => r.SubmittedAt!.Value).ToListAsync();
        var comments = await db.IssueComments.Where(c => c.RepositoryId == id).Select(c => c.CreatedAt).ToListAsync();
        var reviewComments = await db.ReviewComments.Where(c => c.RepositoryId == id).Select(c => c.CreatedAt).ToListAsync();
        return prs.SelectMany(p => p).Concat(issues.SelectMany(i => i)).Concat(reviews).Concat(comments).Concat(reviewComments).Max();
    }

    protected override WorldOptions World() => new() { Prs = 60, ExtraRepositories = 1, End = End };

    protected override async Task SeedAsync(IServiceProvider services)
    {
        var sync = services.GetRequiredService<RepositorySync>();
        foreach (var name in new[] { "widgets", "widgets-2" })
        {
            var tracked = await services.GetRequiredService<Health.Core.Tracking.RepositoryTracker>().TrackAsync(new RepositoryName("acme", name), CancellationToken.None);
            await sync.SyncAsync(tracked.Repository.Id, null, CancellationToken.None);
            Ids[$"acme/{name}"] = tracked.Repository.Id;
        }
    }
}
