namespace Health.Core.Metrics;

/// <summary>
/// One repository's facts as kept in memory, with the version they stand at and each item's number, so that what a sync
/// derived since can be laid over them (<see cref="Apply"/>) instead of reading them all again. Immutable: readers share it.
/// </summary>
internal sealed class RepositoryFacts
{
    private readonly int[] _prNumbers;
    private readonly int[] _issueNumbers;
    private readonly int[] _reviewNumbers;
    private readonly Lazy<Dictionary<long, DateTime>> _firstPrOf;

    private RepositoryFacts(FactsVersion version, int[] prNumbers, PrFact[] prs, int[] issueNumbers, IssueFact[] issues, ActivityFact[] activity, int[] reviewNumbers, ReviewFact[] reviews)
    {
        Version = version;
        _prNumbers = prNumbers;
        PullRequests = prs;
        _issueNumbers = issueNumbers;
        Issues = issues;
        Activity = activity;
        _reviewNumbers = reviewNumbers;
        Reviews = reviews;
        _firstPrOf = new(() => Metrics.FirstPullRequests.Of(PullRequests));
    }

    public FactsVersion Version { get; }

    public PrFact[] PullRequests { get; }

    public IssueFact[] Issues { get; }

    public ActivityFact[] Activity { get; }

    /// <summary>The reviews that count as review load, of every PR.</summary>
    public ReviewFact[] Reviews { get; }

    /// <summary>Each human author's (not bot, not deleted) first PR: the earliest creation time; worked out once per version.</summary>
    public IReadOnlyDictionary<long, DateTime> FirstPrOf => _firstPrOf.Value;

    /// <summary>The cache's measure of this set's memory: its rows.</summary>
    public int Rows => PullRequests.Length + Issues.Length + Activity.Length + Reviews.Length;

    /// <summary>
    /// Items, days and reviews as <see cref="FactsLoader"/> read them, with the version the read stands at. The reviews are
    /// every counted review of the PRs read: a PR read again brings all of its reviews.
    /// </summary>
    public sealed record Read(
        FactsVersion Version,
        List<(int Number, PrFact Fact)> PullRequests,
        List<(int Number, IssueFact Fact)> Issues,
        List<ActivityFact> Activity,
        List<(int Number, ReviewFact Fact)> Reviews);

    /// <summary>The facts of a whole read.</summary>
    public static RepositoryFacts From(Read read) => new(
        read.Version,
        [.. read.PullRequests.Select(p => p.Number)],
        [.. read.PullRequests.Select(p => p.Fact)],
        [.. read.Issues.Select(i => i.Number)],
        [.. read.Issues.Select(i => i.Fact)],
        [.. read.Activity],
        [.. read.Reviews.Select(r => r.Number)],
        [.. read.Reviews.Select(r => r.Fact)]);

    /// <summary>
    /// These facts with a read of what was derived after them laid over: items replaced by number or added, days added (a
    /// day is written once, so a later read never repeats one of these).
    /// </summary>
    public RepositoryFacts Apply(Read newer)
    {
        var (prNumbers, prs) = Merge(_prNumbers, PullRequests, newer.PullRequests);
        var (issueNumbers, issues) = Merge(_issueNumbers, Issues, newer.Issues);
        var (reviewNumbers, reviews) = newer.PullRequests.Count == 0 ? (_reviewNumbers, Reviews) : ReplaceReviews(newer);
        return new RepositoryFacts(newer.Version, prNumbers, prs, issueNumbers, issues, newer.Activity.Count == 0 ? Activity : [.. Activity, .. newer.Activity], reviewNumbers, reviews);
    }

    /// <summary>The reviews of the PRs read again replaced by what the read brought (none, if a PR has none left).</summary>
    private (int[] Numbers, ReviewFact[] Reviews) ReplaceReviews(Read newer)
    {
        var reread = newer.PullRequests.Select(p => p.Number).ToHashSet();
        var kept = 0;
        foreach (var number in _reviewNumbers)
        {
            kept += reread.Contains(number) ? 0 : 1;
        }

        var numbers = new int[kept + newer.Reviews.Count];
        var reviews = new ReviewFact[numbers.Length];
        var at = 0;
        for (var i = 0; i < _reviewNumbers.Length; i++)
        {
            if (!reread.Contains(_reviewNumbers[i]))
            {
                (numbers[at], reviews[at]) = (_reviewNumbers[i], Reviews[i]);
                at++;
            }
        }

        foreach (var (number, review) in newer.Reviews)
        {
            (numbers[at], reviews[at]) = (number, review);
            at++;
        }

        return (numbers, reviews);
    }

    /// <summary>The metrics' input for this repository alone.</summary>
    public MetricsFacts ToFacts() => Pool([this]);

    /// <summary>The metrics' input for several repositories together: their sets side by side, shared, not copied.</summary>
    public static MetricsFacts Pool(IReadOnlyList<RepositoryFacts> sets)
    {
        IReadOnlyList<T> Join<T>(Func<RepositoryFacts, T[]> part) => sets.Count == 1 ? part(sets[0]) : new Joined<T>(sets.Select(part));
        var prs = Join(s => s.PullRequests);
        var issues = Join(s => s.Issues);
        DateTime? first = prs.Count + issues.Count == 0 ? null : prs.Select(p => p.CreatedAt).Concat(issues.Select(i => i.CreatedAt)).Min();
        var synced = sets.Select(s => s.Version.LastSuccessAt).ToList();
        DateTime? lastSync = synced.All(s => s is not null) ? synced.Min() : null;
        return new MetricsFacts(prs, issues, Join(s => s.Activity), first, lastSync);
    }

    /// <summary>The items with those read again replaced in place (by number) and the new ones added after, in number order.</summary>
    private static (int[] Numbers, T[] Items) Merge<T>(int[] numbers, T[] items, List<(int Number, T Fact)> newer)
    {
        if (newer.Count == 0)
        {
            return (numbers, items);
        }

        var pending = new Dictionary<int, T>(newer.Count);
        foreach (var (number, fact) in newer)
        {
            pending[number] = fact;
        }

        var merged = (T[])items.Clone();
        for (var i = 0; i < numbers.Length && pending.Count > 0; i++)
        {
            if (pending.Remove(numbers[i], out var replaced))
            {
                merged[i] = replaced;
            }
        }

        if (pending.Count == 0)
        {
            return (numbers, merged);
        }

        var mergedNumbers = new int[numbers.Length + pending.Count];
        numbers.CopyTo(mergedNumbers, 0);
        Array.Resize(ref merged, mergedNumbers.Length);
        var at = numbers.Length;
        foreach (var (number, fact) in pending.OrderBy(p => p.Key))
        {
            (mergedNumbers[at], merged[at]) = (number, fact);
            at++;
        }

        return (mergedNumbers, merged);
    }
}
