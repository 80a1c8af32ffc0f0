using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Dashboard;

/// <summary>The lists that invite action: what waits for a first response, and who just sent a first PR.</summary>
internal static class ActionListQueries
{
    /// <summary>How many items each waiting list shows.</summary>
    public const int Shown = 10;

    /// <summary>
    /// Open PRs, not drafts, not bot-authored, that no human other than the author has answered yet (no review, comment or
    /// review comment; the derived first response), oldest first.
    /// </summary>
    public static async Task<WaitingList> WaitingPullRequestsAsync(HealthDb db, int repositoryId, DateTime now, Func<int, string> url, CancellationToken ct)
    {
        var waiting =
            from p in db.PullRequests.AsNoTracking()
            where p.RepositoryId == repositoryId && p.State == "open" && !p.Draft && p.FirstResponseAt == null
            join a in db.Accounts on p.AuthorId equals a.Id into authors
            from a in authors.DefaultIfEmpty()
            where a == null || !a.IsBot
            select new { p.Number, p.Title, Login = a != null ? a.Login : null, p.CreatedAt };
        var total = await waiting.CountAsync(ct);
        var items = await waiting.OrderBy(p => p.CreatedAt).ThenBy(p => p.Number).Take(Shown).ToListAsync(ct);
        return new WaitingList(total, items.Select(p => new WaitingItem(p.Number, p.Title, p.Login, p.CreatedAt, Waited(p.CreatedAt, now), url(p.Number))).ToList());
    }

    /// <summary>Open issues, not bot-authored, without a comment from a human other than the author yet, oldest first.</summary>
    public static async Task<WaitingList> WaitingIssuesAsync(HealthDb db, int repositoryId, DateTime now, Func<int, string> url, CancellationToken ct)
    {
        var waiting =
            from i in db.Issues.AsNoTracking()
            where i.RepositoryId == repositoryId && i.State == "open" && i.FirstResponseAt == null
            join a in db.Accounts on i.AuthorId equals a.Id into authors
            from a in authors.DefaultIfEmpty()
            where a == null || !a.IsBot
            select new { i.Number, i.Title, Login = a != null ? a.Login : null, i.CreatedAt };
        var total = await waiting.CountAsync(ct);
        var items = await waiting.OrderBy(i => i.CreatedAt).ThenBy(i => i.Number).Take(Shown).ToListAsync(ct);
        return new WaitingList(total, items.Select(i => new WaitingItem(i.Number, i.Title, i.Login, i.CreatedAt, Waited(i.CreatedAt, now), url(i.Number))).ToList());
    }

    /// <summary>
    /// The accounts whose first PR (<paramref name="firstPrOf"/>) was created in [<paramref name="start"/>, <paramref name="end"/>),
    /// each with that PR (the lowest number among PRs opened in the same instant), by login.
    /// </summary>
    public static async Task<IReadOnlyList<NewcomerItem>> NewcomersAsync(
        HealthDb db, int repositoryId, IReadOnlyDictionary<long, DateTime> firstPrOf, DateTime start, DateTime end, GitHubLinks links, (string Owner, string Name) repo, CancellationToken ct)
    {
        var ids = firstPrOf.Where(f => f.Value >= start && f.Value < end).Select(f => (long?)f.Key).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var prs = await db.PullRequests.AsNoTracking()
            .Where(p => p.RepositoryId == repositoryId && ids.Contains(p.AuthorId) && p.CreatedAt >= start && p.CreatedAt < end)
            .Select(p => new { AuthorId = p.AuthorId!.Value, p.Number, p.Title, p.CreatedAt, p.MergedAt, p.State })
            .ToListAsync(ct);
        var logins = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Login, ct);
        return prs
            .Where(p => p.CreatedAt == firstPrOf[p.AuthorId])
            .GroupBy(p => p.AuthorId)
            .Select(g => g.OrderBy(p => p.Number).First())
            .Select(p =>
            {
                var login = logins.GetValueOrDefault(p.AuthorId, p.AuthorId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var outcome = p.MergedAt is not null ? FirstPrOutcome.Merged : p.State == "closed" ? FirstPrOutcome.ClosedUnmerged : FirstPrOutcome.Open;
                return new NewcomerItem(p.AuthorId, login, links.Profile(login), p.Number, p.Title, links.PullRequest(repo.Owner, repo.Name, p.Number), p.CreatedAt, outcome);
            })
            .OrderBy(n => n.Login, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>How long an item created at <paramref name="createdAt"/> has waited by <paramref name="now"/>.</summary>
    public static TimeSpan Waited(DateTime createdAt, DateTime now) => createdAt < now ? now - createdAt : TimeSpan.Zero;
}
