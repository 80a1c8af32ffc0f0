namespace GitHubSimulator;

/// <summary>Which items a listing's <c>state</c> parameter selects; also the slot of the per-state indexes.</summary>
internal enum StateFilter
{
    All = 0,
    Open = 1,
    Closed = 2,
}

/// <summary>
/// The sorted views of one repository that the endpoints page through, kept in step with mutations by the
/// items' property setters. All access happens under <see cref="World.SyncRoot"/>.
/// </summary>
internal sealed class RepoIndex
{
    private readonly SortedIndex<SimPull>[] _pullsCreated = new SortedIndex<SimPull>[3];
    private readonly SortedIndex<SimPull>[] _pullsUpdated = new SortedIndex<SimPull>[3];
    private readonly SortedIndex<object>[] _issuesCreated = new SortedIndex<object>[3];
    private readonly SortedIndex<object>[] _issuesUpdated = new SortedIndex<object>[3];
    private int _pullCount;
    private int _issueCount;
    private int _reviewCount;
    private int _issueCommentCount;
    private int _reviewCommentCount;

    public RepoIndex(SimRepository repo)
    {
        int pulls = repo.Pulls.Count;
        int all = pulls + repo.Issues.Count;
        for (int i = 0; i < 3; i++)
        {
            _pullsCreated[i] = new SortedIndex<SimPull>(i == 0 ? pulls : 16);
            _pullsUpdated[i] = new SortedIndex<SimPull>(i == 0 ? pulls : 16);
            _issuesCreated[i] = new SortedIndex<object>(i == 0 ? all : 16);
            _issuesUpdated[i] = new SortedIndex<object>(i == 0 ? all : 16);
        }

        PullsByNumber = new Dictionary<int, SimPull>(pulls);
        IssuesByNumber = new Dictionary<int, SimIssue>(repo.Issues.Count);
        IssuesOnlyCreated = new SortedIndex<SimIssue>(repo.Issues.Count);
        IssuesOnlyUpdated = new SortedIndex<SimIssue>(repo.Issues.Count);
        foreach (SimPull pull in repo.Pulls)
        {
            AddPullEntries(pull, sorted: false);
        }

        foreach (SimIssue issue in repo.Issues)
        {
            AddIssueEntries(issue, sorted: false);
        }

        IssueCommentsCreated = new SortedIndex<SimIssueComment>(repo.IssueComments.Count);
        IssueCommentsUpdated = new SortedIndex<SimIssueComment>(repo.IssueComments.Count);
        foreach (SimIssueComment comment in repo.IssueComments)
        {
            AddIssueCommentEntries(comment, sorted: false);
        }

        ReviewCommentsCreated = new SortedIndex<SimReviewComment>(repo.ReviewComments.Count);
        ReviewCommentsUpdated = new SortedIndex<SimReviewComment>(repo.ReviewComments.Count);
        foreach (SimReviewComment comment in repo.ReviewComments)
        {
            AddReviewCommentEntries(comment, sorted: false);
        }

        foreach (SimReview review in repo.Reviews)
        {
            AddReviewEntry(review);
        }

        for (int i = 0; i < 3; i++)
        {
            _pullsCreated[i].Sort();
            _pullsUpdated[i].Sort();
            _issuesCreated[i].Sort();
            _issuesUpdated[i].Sort();
        }

        IssuesOnlyCreated.Sort();
        IssuesOnlyUpdated.Sort();
        IssueCommentsCreated.Sort();
        IssueCommentsUpdated.Sort();
        ReviewCommentsCreated.Sort();
        ReviewCommentsUpdated.Sort();
        _pullCount = repo.Pulls.Count;
        _issueCount = repo.Issues.Count;
        _reviewCount = repo.Reviews.Count;
        _issueCommentCount = repo.IssueComments.Count;
        _reviewCommentCount = repo.ReviewComments.Count;
    }

    public Dictionary<int, SimPull> PullsByNumber { get; }
    public Dictionary<int, SimIssue> IssuesByNumber { get; }
    public Dictionary<long, SimIssueComment> IssueCommentsById { get; } = [];
    public Dictionary<int, int> CommentCounts { get; } = [];
    public Dictionary<int, List<SimReview>> ReviewsByPull { get; } = [];
    public Dictionary<long, SimReview> ReviewsById { get; } = [];
    public Dictionary<int, int> ReviewCommentCounts { get; } = [];

    /// <summary>The comments of each issue or pull request, by id.</summary>
    public Dictionary<int, List<SimIssueComment>> CommentsByNumber { get; } = [];

    /// <summary>The review comments of each pull request, by id.</summary>
    public Dictionary<int, List<SimReviewComment>> ReviewCommentsByPull { get; } = [];

    /// <summary>Issues only (no pull requests), by created and by updated time (GraphQL's <c>issues</c>).</summary>
    public SortedIndex<SimIssue> IssuesOnlyCreated { get; }

    public SortedIndex<SimIssue> IssuesOnlyUpdated { get; }
    public SortedIndex<SimIssueComment> IssueCommentsCreated { get; }
    public SortedIndex<SimIssueComment> IssueCommentsUpdated { get; }
    public SortedIndex<SimReviewComment> ReviewCommentsCreated { get; }
    public SortedIndex<SimReviewComment> ReviewCommentsUpdated { get; }

    /// <summary>The highest issue or pull request number in use.</summary>
    public int MaxNumber { get; private set; }

    /// <summary>Open issues and pull requests (GitHub's <c>open_issues_count</c>).</summary>
    public int OpenCount => _issuesCreated[(int)StateFilter.Open].Count;

    public SortedIndex<SimPull> PullsCreated(StateFilter filter) => _pullsCreated[(int)filter];
    public SortedIndex<SimPull> PullsUpdated(StateFilter filter) => _pullsUpdated[(int)filter];
    public SortedIndex<object> IssuesCreated(StateFilter filter) => _issuesCreated[(int)filter];
    public SortedIndex<object> IssuesUpdated(StateFilter filter) => _issuesUpdated[(int)filter];

    public int CommentCount(int number) => CommentCounts.GetValueOrDefault(number);

    public bool Matches(SimRepository repo) =>
        repo.Pulls.Count == _pullCount && repo.Issues.Count == _issueCount && repo.Reviews.Count == _reviewCount
        && repo.IssueComments.Count == _issueCommentCount && repo.ReviewComments.Count == _reviewCommentCount;

    // ---- additions made by World (the item is already in its repository list) ----
    public void PullAdded(SimPull pull)
    {
        AddPullEntries(pull, sorted: true);
        _pullCount++;
    }

    public void IssueAdded(SimIssue issue)
    {
        AddIssueEntries(issue, sorted: true);
        _issueCount++;
    }

    public void ReviewAdded(SimReview review)
    {
        AddReviewEntry(review);
        _reviewCount++;
    }

    public void IssueCommentAdded(SimIssueComment comment)
    {
        AddIssueCommentEntries(comment, sorted: true);
        _issueCommentCount++;
    }

    public void ReviewCommentAdded(SimReviewComment comment)
    {
        AddReviewCommentEntries(comment, sorted: true);
        _reviewCommentCount++;
    }

    // ---- property-change hooks ----
    public void OnPullCreatedChanged(SimPull pull, DateTime old)
    {
        long oldKey = old.Ticks;
        long newKey = pull.CreatedAt.Ticks;
        StateFilter bucket = Bucket(pull.State);
        _pullsCreated[0].Move(oldKey, newKey, pull.Id, pull);
        _pullsCreated[(int)bucket].Move(oldKey, newKey, pull.Id, pull);
        _issuesCreated[0].Move(oldKey, newKey, pull.IssueKey, pull);
        _issuesCreated[(int)bucket].Move(oldKey, newKey, pull.IssueKey, pull);
    }

    public void OnPullUpdatedChanged(SimPull pull, DateTime old)
    {
        long oldKey = old.Ticks;
        long newKey = pull.UpdatedAt.Ticks;
        StateFilter bucket = Bucket(pull.State);
        _pullsUpdated[0].Move(oldKey, newKey, pull.Id, pull);
        _pullsUpdated[(int)bucket].Move(oldKey, newKey, pull.Id, pull);
        _issuesUpdated[0].Move(oldKey, newKey, pull.IssueKey, pull);
        _issuesUpdated[(int)bucket].Move(oldKey, newKey, pull.IssueKey, pull);
    }

    public void OnPullStateChanged(SimPull pull, string oldState)
    {
        int from = (int)Bucket(oldState);
        int to = (int)Bucket(pull.State);
        if (from == to)
        {
            return;
        }

        long created = pull.CreatedAt.Ticks;
        long updated = pull.UpdatedAt.Ticks;
        if (_pullsCreated[from].Remove(created, pull.Id, pull))
        {
            _pullsCreated[to].Insert(created, pull.Id, pull);
        }

        if (_pullsUpdated[from].Remove(updated, pull.Id, pull))
        {
            _pullsUpdated[to].Insert(updated, pull.Id, pull);
        }

        MoveIssueState(pull, pull.IssueKey, created, updated, from, to);
    }

    public void OnIssueCreatedChanged(SimIssue issue, DateTime old)
    {
        long newKey = issue.CreatedAt.Ticks;
        IssuesOnlyCreated.Move(old.Ticks, newKey, issue.Id, issue);
        _issuesCreated[0].Move(old.Ticks, newKey, issue.Id, issue);
        _issuesCreated[(int)Bucket(issue.State)].Move(old.Ticks, newKey, issue.Id, issue);
    }

    public void OnIssueUpdatedChanged(SimIssue issue, DateTime old)
    {
        long newKey = issue.UpdatedAt.Ticks;
        IssuesOnlyUpdated.Move(old.Ticks, newKey, issue.Id, issue);
        _issuesUpdated[0].Move(old.Ticks, newKey, issue.Id, issue);
        _issuesUpdated[(int)Bucket(issue.State)].Move(old.Ticks, newKey, issue.Id, issue);
    }

    public void OnIssueStateChanged(SimIssue issue, string oldState)
    {
        int from = (int)Bucket(oldState);
        int to = (int)Bucket(issue.State);
        if (from != to)
        {
            MoveIssueState(issue, issue.Id, issue.CreatedAt.Ticks, issue.UpdatedAt.Ticks, from, to);
        }
    }

    public void OnIssueCommentCreatedChanged(SimIssueComment comment, DateTime old) =>
        IssueCommentsCreated.Move(old.Ticks, comment.CreatedAt.Ticks, comment.Id, comment);

    public void OnIssueCommentUpdatedChanged(SimIssueComment comment, DateTime old) =>
        IssueCommentsUpdated.Move(old.Ticks, comment.UpdatedAt.Ticks, comment.Id, comment);

    public void OnReviewCommentCreatedChanged(SimReviewComment comment, DateTime old) =>
        ReviewCommentsCreated.Move(old.Ticks, comment.CreatedAt.Ticks, comment.Id, comment);

    public void OnReviewCommentUpdatedChanged(SimReviewComment comment, DateTime old) =>
        ReviewCommentsUpdated.Move(old.Ticks, comment.UpdatedAt.Ticks, comment.Id, comment);

    public static StateFilter Bucket(string state) =>
        string.Equals(state, ItemStates.Open, StringComparison.Ordinal) ? StateFilter.Open : StateFilter.Closed;

    private void MoveIssueState(object item, long id, long created, long updated, int from, int to)
    {
        if (_issuesCreated[from].Remove(created, id, item))
        {
            _issuesCreated[to].Insert(created, id, item);
        }

        if (_issuesUpdated[from].Remove(updated, id, item))
        {
            _issuesUpdated[to].Insert(updated, id, item);
        }
    }

    private void AddPullEntries(SimPull pull, bool sorted)
    {
        long created = pull.CreatedAt.Ticks;
        long updated = pull.UpdatedAt.Ticks;
        int bucket = (int)Bucket(pull.State);
        foreach (int slot in (ReadOnlySpan<int>)[0, bucket])
        {
            Add(_pullsCreated[slot], created, pull.Id, pull, sorted);
            Add(_pullsUpdated[slot], updated, pull.Id, pull, sorted);
            Add(_issuesCreated[slot], created, pull.IssueKey, pull, sorted);
            Add(_issuesUpdated[slot], updated, pull.IssueKey, pull, sorted);
        }

        PullsByNumber[pull.Number] = pull;
        MaxNumber = Math.Max(MaxNumber, pull.Number);
        pull.Index = this;
    }

    private void AddIssueEntries(SimIssue issue, bool sorted)
    {
        int bucket = (int)Bucket(issue.State);
        foreach (int slot in (ReadOnlySpan<int>)[0, bucket])
        {
            Add(_issuesCreated[slot], issue.CreatedAt.Ticks, issue.Id, issue, sorted);
            Add(_issuesUpdated[slot], issue.UpdatedAt.Ticks, issue.Id, issue, sorted);
        }

        Add(IssuesOnlyCreated, issue.CreatedAt.Ticks, issue.Id, issue, sorted);
        Add(IssuesOnlyUpdated, issue.UpdatedAt.Ticks, issue.Id, issue, sorted);
        IssuesByNumber[issue.Number] = issue;
        MaxNumber = Math.Max(MaxNumber, issue.Number);
        issue.Index = this;
    }

    private void AddIssueCommentEntries(SimIssueComment comment, bool sorted)
    {
        Add(IssueCommentsCreated, comment.CreatedAt.Ticks, comment.Id, comment, sorted);
        Add(IssueCommentsUpdated, comment.UpdatedAt.Ticks, comment.Id, comment, sorted);
        IssueCommentsById[comment.Id] = comment;
        CommentCounts[comment.IssueNumber] = CommentCounts.GetValueOrDefault(comment.IssueNumber) + 1;
        InsertById(CommentsByNumber, comment.IssueNumber, comment, static c => c.Id);
        comment.Index = this;
    }

    private void AddReviewCommentEntries(SimReviewComment comment, bool sorted)
    {
        Add(ReviewCommentsCreated, comment.CreatedAt.Ticks, comment.Id, comment, sorted);
        Add(ReviewCommentsUpdated, comment.UpdatedAt.Ticks, comment.Id, comment, sorted);
        ReviewCommentCounts[comment.PullNumber] = ReviewCommentCounts.GetValueOrDefault(comment.PullNumber) + 1;
        InsertById(ReviewCommentsByPull, comment.PullNumber, comment, static c => c.Id);
        comment.Index = this;
    }

    private void AddReviewEntry(SimReview review)
    {
        InsertById(ReviewsByPull, review.PullNumber, review, static r => r.Id);
        ReviewsById[review.Id] = review;
    }

    /// <summary>Adds <paramref name="item"/> to the list of <paramref name="number"/>, keeping the list in id order.</summary>
    private static void InsertById<T>(Dictionary<int, List<T>> lists, int number, T item, Func<T, long> id)
    {
        if (!lists.TryGetValue(number, out List<T>? list))
        {
            list = [];
            lists[number] = list;
        }

        int pos = list.Count;
        long key = id(item);
        while (pos > 0 && id(list[pos - 1]) > key)
        {
            pos--;
        }

        list.Insert(pos, item);
    }

    private static void Add<T>(SortedIndex<T> index, long key, long id, T item, bool sorted)
        where T : class
    {
        if (sorted)
        {
            index.Insert(key, id, item);
        }
        else
        {
            index.AddUnsorted(key, id, item);
        }
    }
}
