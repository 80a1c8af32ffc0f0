using Health.Core.GitHub;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Health.Core.Dashboard;

/// <summary>
/// What the repository page shows that METRICS.md does not define (first-review p90, review load, bot-authored counts,
/// newcomer cohorts, waiting lists, the newcomers list), computed by METRICS.md's rules from the same derived facts: the
/// charts from the facts <see cref="MetricsService"/> keeps in memory (no query), the lists from narrow queries. Results are
/// kept while the repository's derived facts stay at the same version (a sync's committed page moves it on), so a repeated
/// view costs nothing and a view after a page sees it; the waiting lists' waiting times are taken from the clock at each view.
/// </summary>
public sealed class DashboardService(IDbContextFactory<HealthDb> dbFactory, MetricsService metrics, TimeProvider time, IOptions<GitHubOptions> options) : IDisposable
{
    /// <summary>Links to GitHub's pages for the configured GitHub.</summary>
    public GitHubLinks Links { get; } = new(options.Value.ApiUrl);

    /// <summary>Computed views, the least recently used let go beyond this many (each is small: a range's periods, or lists of 20).</summary>
    private const int MaxCached = 256;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCached });

    /// <summary>
    /// Per period of the range (the periods overlapping [<paramref name="from"/>, <paramref name="to"/>], whole UTC days,
    /// as the metrics rows) and the monthly newcomer cohorts of the months the range overlaps.
    /// </summary>
    public async Task<DashboardCharts> ChartsAsync(int repositoryId, PeriodKind kind, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var facts = await metrics.FactsOfAsync(repositoryId, ct);
        return await CachedAsync($"charts:{repositoryId}:{kind}:{from:O}:{to:O}", facts.Version.Key, () => Task.FromResult(ComputeCharts(facts, kind, from, to)));
    }

    /// <summary>The waiting lists (as of now) and the newcomers of the range's last period that has ended.</summary>
    public async Task<ActionLists> ActionListsAsync(int repositoryId, PeriodKind kind, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var facts = await metrics.FactsOfAsync(repositoryId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var complete = LastComplete(kind, from, to, now);
        var lists = await CachedAsync($"lists:{repositoryId}:{kind}:{from:O}:{to:O}", $"{facts.Version.Key}@{complete:O}", () => ComputeActionListsAsync(facts, complete, kind, ct));
        return lists with { WaitingPrs = AsOf(lists.WaitingPrs, now), WaitingIssues = AsOf(lists.WaitingIssues, now) };
    }

    /// <summary>The list with each item's waiting time as of <paramref name="now"/>.</summary>
    private static WaitingList AsOf(WaitingList list, DateTime now) =>
        list with { Items = list.Items.Select(i => i with { Waiting = ActionListQueries.Waited(i.CreatedAt, now) }).ToList() };

    /// <summary>The start of the range's last period that has ended by <paramref name="now"/>, if one has.</summary>
    private static DateTime? LastComplete(PeriodKind kind, DateOnly from, DateOnly to, DateTime now) =>
        Starts(kind, from, to).Where(s => Periods.Next(s, kind) <= now).Select(s => (DateTime?)s).LastOrDefault();

    private async Task<T> CachedAsync<T>(string key, string version, Func<Task<T>> compute)
        where T : class
    {
        if (_cache.TryGetValue(key, out (string Version, object Value) hit) && hit.Version == version)
        {
            return (T)hit.Value;
        }

        var value = await compute();
        _cache.Set(key, (version, (object)value), new MemoryCacheEntryOptions { Size = 1 });
        return value;
    }

    public void Dispose() => _cache.Dispose();

    private static DashboardCharts ComputeCharts(RepositoryFacts facts, PeriodKind kind, DateOnly from, DateOnly to)
    {
        var starts = Starts(kind, from, to);
        if (starts.Count == 0)
        {
            return new DashboardCharts([], []);
        }

        var periods = PeriodExtras.Compute(starts, kind, facts.PullRequests, facts.Issues, facts.Reviews.Select(r => (r.ReviewerId, r.SubmittedAt)));
        var firstMonth = Periods.StartOf(Day(from), PeriodKind.Month);
        var lastMonth = Periods.StartOf(Day(to), PeriodKind.Month);
        var cohortsEnd = lastMonth.AddMonths(ReturningNewcomers.MaxOffset + 1);
        var cohortPrs = facts.PullRequests
            .Where(p => p.AuthorId is not null && !p.AuthorIsBot && !p.AuthorIsDeleted && p.CreatedAt >= firstMonth && p.CreatedAt < cohortsEnd)
            .Select(p => (p.AuthorId!.Value, p.CreatedAt));
        return new DashboardCharts(periods, ReturningNewcomers.Compute(facts.FirstPrOf, cohortPrs, firstMonth, lastMonth, facts.Version.LastSuccessAt));
    }

    private async Task<ActionLists> ComputeActionListsAsync(RepositoryFacts facts, DateTime? complete, PeriodKind kind, CancellationToken ct)
    {
        var repositoryId = facts.Version.RepositoryId;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var repo = await db.Repositories.AsNoTracking().Where(r => r.Id == repositoryId).Select(r => new { r.Owner, r.Name }).SingleAsync(ct);
        var prs = await ActionListQueries.WaitingPullRequestsAsync(db, repositoryId, now, n => Links.PullRequest(repo.Owner, repo.Name, n), ct);
        var issues = await ActionListQueries.WaitingIssuesAsync(db, repositoryId, now, n => Links.Issue(repo.Owner, repo.Name, n), ct);
        if (complete is not { } start)
        {
            return new ActionLists(prs, issues, null, []);
        }

        var newcomers = await ActionListQueries.NewcomersAsync(db, repositoryId, facts.FirstPrOf, start, Periods.Next(start, kind), Links, (repo.Owner, repo.Name), ct);
        return new ActionLists(prs, issues, start, newcomers);
    }

    /// <summary>The starts of the periods overlapping [<paramref name="from"/>, <paramref name="to"/>], as the metrics rows have them.</summary>
    public static IReadOnlyList<DateTime> Starts(PeriodKind kind, DateOnly from, DateOnly to) => Periods.Range(Day(from), Day(to), kind).ToList();

    private static DateTime Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
