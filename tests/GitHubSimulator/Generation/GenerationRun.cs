namespace GitHubSimulator;

/// <summary>
/// One generation: draws every item's timeline as compact drafts (times in seconds from the start of history),
/// then numbers them, gives ids in creation order per kind, and creates the model objects.
/// </summary>
internal sealed partial class GenerationRun
{
    private readonly WorldOptions _options;
    private readonly TimeProvider _clock;
    private readonly DateTime _start;
    private readonly long _horizon;
    private readonly Random _rng;
    private readonly Population _people;
    private readonly List<RepoPlan> _repos = [];
    private readonly List<ItemDraft> _items = [];
    private readonly List<ReviewDraft> _reviews = [];
    private readonly List<CommentDraft> _comments = [];
    private readonly List<ReviewCommentDraft> _reviewComments = [];

    public GenerationRun(WorldOptions options, TimeProvider clock, DateTime end)
    {
        _options = options;
        _clock = clock;
        _horizon = Math.Max(86_400, (long)(options.YearsOfHistory * 365.25 * 86_400));
        _start = end.AddSeconds(-_horizon);
        _rng = new Random(options.Seed);
        int extraPrs = Math.Max(1, options.Prs / 10);
        _repos.Add(new RepoPlan(options.Name, options.Prs, options.Issues ?? (options.Prs / 5)));
        for (int i = 0; i < options.ExtraRepositories; i++)
        {
            _repos.Add(new RepoPlan($"{options.Name}-{i + 2}", extraPrs, extraPrs / 5));
        }

        _people = new Population(_repos.Sum(r => r.Prs), options.Owner, options.Seed, _start);
    }

    public World Build()
    {
        for (int r = 0; r < _repos.Count; r++)
        {
            DrawRepository(r);
        }

        var world = new World(_clock) { ShowPendingReviews = _options.ShowPendingReviews };
        SimRepository[] repos = CreateRepositories();
        CreateItems(repos);
        long[] reviewIds = CreateReviews(repos);
        CreateComments(repos);
        CreateReviewComments(repos, reviewIds);
        var agents = _options.AgentShare > 0 ? AddAgents(repos) : [];
        SetAssociations(repos);
        world.AttachAccount(_people.Organization);
        foreach (SimAccount agent in agents)
        {
            world.AttachAccount(agent);
        }

        foreach (SimAccount account in _people.UsedAccounts())
        {
            if (account != _people.Organization)
            {
                world.AttachAccount(account);
            }
        }

        foreach (SimRepository repo in repos)
        {
            world.AttachRepository(repo);
        }

        return world;
    }

    private DateTime At(long seconds) => _start.AddSeconds(seconds);

    private SimRepository[] CreateRepositories()
    {
        var repos = new SimRepository[_repos.Count];
        long id = 100_000_000 + _rng.Next(1, 900_000_000);
        for (int r = 0; r < repos.Length; r++)
        {
            repos[r] = new SimRepository(id + (r * 7_919L), _options.Owner, _repos[r].Name)
            {
                Description = r == 0 ? "Widgets for every occasion." : $"Part of the {_options.Name} family.",
                CreatedAt = At(-30L * 86_400 * (r + 1)),
                PushedAt = At(_horizon - _rng.Next(0, 3_600)),
            };
            foreach (SimAccount core in _people.Core())
            {
                repos[r].Members.Add(core.Id);
            }
        }

        return repos;
    }

    private void CreateItems(SimRepository[] repos)
    {
        long[] issueIds = IdsInTimeOrder(_items.Count, i => _items[i].Created, 1_100_000_000);
        var pullIndexes = new List<int>();
        for (int i = 0; i < _items.Count; i++)
        {
            if (_items[i].IsPull)
            {
                pullIndexes.Add(i);
            }
        }

        long[] pullIds = IdsInTimeOrder(pullIndexes.Count, k => _items[pullIndexes[k]].Created, 900_000_000);
        int nextPull = 0;
        for (int i = 0; i < _items.Count; i++)
        {
            ItemDraft d = _items[i];
            SimRepository repo = repos[d.Repo];
            DateTime? closed = d.Closed >= 0 ? At(d.Closed) : null;
            if (d.IsPull)
            {
                var pull = new SimPull
                {
                    Id = pullIds[nextPull++],
                    IssueId = issueIds[i],
                    Number = d.Number,
                    Title = d.Title,
                    Body = TextPool.PullBody(d.Number),
                    User = d.User,
                    State = closed is null ? ItemStates.Open : ItemStates.Closed,
                    Draft = d.Draft,
                    CreatedAt = At(d.Created),
                    UpdatedAt = At(d.Updated),
                    ClosedAt = closed,
                    MergedAt = d.Merged ? closed : null,
                };
                PullFacts.Fill(pull, _options.Seed, _people.IsBotLike(d.User));
                repo.Pulls.Add(pull);
                if (d.Merged && d.User is not null)
                {
                    repo.MergedByAuthor[d.User.Id] = repo.MergedByAuthor.GetValueOrDefault(d.User.Id) + 1;
                }
            }
            else
            {
                repo.Issues.Add(new SimIssue
                {
                    Id = issueIds[i],
                    Number = d.Number,
                    Title = d.Title,
                    Body = TextPool.IssueBody(d.Number),
                    User = d.User,
                    State = closed is null ? ItemStates.Open : ItemStates.Closed,
                    StateReason = closed is null ? null : d.StateReason,
                    CreatedAt = At(d.Created),
                    UpdatedAt = At(d.Updated),
                    ClosedAt = closed,
                });
            }
        }
    }

    private long[] CreateReviews(SimRepository[] repos)
    {
        long[] ids = IdsInTimeOrder(_reviews.Count, i => _reviews[i].Time, 1_500_000_000);
        foreach (int i in TimeOrder(_reviews.Count, k => _reviews[k].Time))
        {
            ReviewDraft d = _reviews[i];
            repos[d.Repo].Reviews.Add(new SimReview
            {
                Id = ids[i],
                PullNumber = d.Number,
                User = d.User,
                State = d.State,
                SubmittedAt = d.State == ReviewStates.Pending ? null : At(d.Time),
                Body = TextPool.ReviewBody(d.State, ids[i]),
            });
        }

        return ids;
    }

    private void CreateComments(SimRepository[] repos)
    {
        long[] ids = IdsInTimeOrder(_comments.Count, i => _comments[i].Created, 1_300_000_000);
        foreach (int i in TimeOrder(_comments.Count, k => _comments[k].Created))
        {
            CommentDraft d = _comments[i];
            repos[d.Repo].IssueComments.Add(new SimIssueComment
            {
                Id = ids[i],
                IssueNumber = d.Number,
                User = d.User,
                CreatedAt = At(d.Created),
                UpdatedAt = At(d.Updated),
                Body = TextPool.CommentBody(ids[i]),
            });
        }
    }

    private void CreateReviewComments(SimRepository[] repos, long[] reviewIds)
    {
        long[] ids = IdsInTimeOrder(_reviewComments.Count, i => _reviewComments[i].Created, 700_000_000);
        foreach (int i in TimeOrder(_reviewComments.Count, k => _reviewComments[k].Created))
        {
            ReviewCommentDraft d = _reviewComments[i];
            repos[d.Repo].ReviewComments.Add(new SimReviewComment
            {
                Id = ids[i],
                PullNumber = d.Number,
                ReviewId = reviewIds[d.Review],
                User = d.User,
                CreatedAt = At(d.Created),
                UpdatedAt = At(d.Updated),
                Body = TextPool.ReviewCommentBody(ids[i]),
                Path = TextPool.FilePath(ids[i] / 7),
                Line = 1 + (int)(ids[i] % 400),
            });
        }
    }

    private static void SetAssociations(SimRepository[] repos)
    {
        foreach (SimRepository repo in repos)
        {
            foreach (SimPull p in repo.Pulls)
            {
                p.AuthorAssociation = World.Association(repo, p.User, authorOfPull: true);
            }

            foreach (SimIssue i in repo.Issues)
            {
                i.AuthorAssociation = World.Association(repo, i.User, authorOfPull: false);
            }

            foreach (SimReview r in repo.Reviews)
            {
                r.AuthorAssociation = World.Association(repo, r.User, authorOfPull: false);
            }

            foreach (SimIssueComment c in repo.IssueComments)
            {
                c.AuthorAssociation = World.Association(repo, c.User, authorOfPull: false);
            }

            foreach (SimReviewComment c in repo.ReviewComments)
            {
                c.AuthorAssociation = World.Association(repo, c.User, authorOfPull: false);
            }
        }
    }

    /// <summary>Indexes 0..count-1 ordered by time (ties in a fixed order, so generation stays deterministic).</summary>
    private static int[] TimeOrder(int count, Func<int, long> time)
    {
        var keys = new long[count];
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            keys[i] = (time(i) << 24) | (uint)(i & 0xFFFFFF);
            order[i] = i;
        }

        Array.Sort(keys, order);
        return order;
    }

    /// <summary>Ids that increase with time, with GitHub-like gaps; result[i] is the id of draft i.</summary>
    private static long[] IdsInTimeOrder(int count, Func<int, long> time, long first)
    {
        var ids = new long[count];
        long id = first;
        foreach (int i in TimeOrder(count, time))
        {
            id += 1 + (long)((ulong)(id * 2654435761L) % 17);
            ids[i] = id;
        }

        return ids;
    }

    private sealed record RepoPlan(string Name, int Prs, int Issues);

    private struct ItemDraft
    {
        public int Repo;
        public int Number;
        public bool IsPull;
        public long Created;
        public long Updated;
        public long Closed;
        public bool Merged;
        public bool Draft;
        public SimAccount? User;
        public string Title;
        public string? StateReason;
    }

    private struct ReviewDraft
    {
        public int Repo;
        public int Number;
        public long Time;
        public SimAccount? User;
        public string State;
    }

    private struct CommentDraft
    {
        public int Repo;
        public int Number;
        public long Created;
        public long Updated;
        public SimAccount? User;
    }

    private struct ReviewCommentDraft
    {
        public int Repo;
        public int Number;
        public int Review;
        public long Created;
        public long Updated;
        public SimAccount? User;
    }
}
