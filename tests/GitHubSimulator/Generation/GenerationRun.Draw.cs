namespace GitHubSimulator;

/// <summary>The random timelines: arrivals, outcomes, reviews and comments of each pull request and issue.</summary>
internal sealed partial class GenerationRun
{
    private const long Minute = 60;
    private const long Hour = 3_600;
    private const long Day = 86_400;

    private void DrawRepository(int repo)
    {
        RepoPlan plan = _repos[repo];
        long[] pulls = Arrivals(plan.Prs);
        long[] issues = Arrivals(plan.Issues);
        int ghost = repo == 0 && plan.Prs > 0 ? _rng.Next(plan.Prs) : -1;
        int p = 0;
        int i = 0;
        int number = 0;
        while (p < pulls.Length || i < issues.Length)
        {
            number++;
            if (i >= issues.Length || (p < pulls.Length && pulls[p] <= issues[i]))
            {
                DrawPull(repo, number, pulls[p], p == ghost);
                p++;
            }
            else
            {
                DrawIssue(repo, number, issues[i]);
                i++;
            }
        }
    }

    /// <summary>Creation times, sorted: the arrival rate triples over the history, with fewer on weekends and at night.</summary>
    private long[] Arrivals(int count)
    {
        var times = new long[count];
        for (int k = 0; k < count; k++)
        {
            long t;
            do
            {
                double y = _rng.NextDouble();
                double u = (-1.0 + Math.Sqrt(1.0 + (8.0 * y))) / 2.0;
                t = Math.Min(_horizon - 1, (long)(u * _horizon));
            }
            while (!Accept(At(t)));

            times[k] = t;
        }

        Array.Sort(times);
        return times;
    }

    private bool Accept(DateTime time)
    {
        bool weekend = time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        bool night = time.Hour is < 7 or >= 21;
        double p = (weekend ? 0.35 : 1.0) * (night ? 0.4 : 1.0);
        return _rng.NextDouble() < p;
    }

    private void DrawPull(int repo, int number, long created, bool byGhost)
    {
        SimAccount? author = PullAuthor(byGhost);
        bool bot = _people.IsBotLike(author);
        double roll = _rng.NextDouble();
        bool merges = roll < (bot ? 0.75 : 0.58);
        bool closes = !merges && roll < (bot ? 0.95 : 0.80);
        long closed = -1;
        if (merges || closes)
        {
            long delay = merges
                ? _rng.NextLogNormalSeconds(bot ? 6 * Hour : 30 * Hour, 1.5)
                : _rng.NextLogNormalSeconds(5 * Day, 1.6);
            closed = created + Math.Max(2 * Minute, delay);
            if (closed >= _horizon)
            {
                closed = -1;
            }
        }

        long limit = closed >= 0 ? closed : _horizon;
        long firstResponse = created + Math.Max(Minute, _rng.NextLogNormalSeconds(4 * Hour, 1.7));
        long updated = Math.Max(created, closed);
        updated = Math.Max(updated, DrawReviews(repo, number, author, bot, created, firstResponse, limit, closed >= 0 && merges));
        updated = Math.Max(updated, DrawPullComments(repo, number, author, bot, created, firstResponse, closed));
        _items.Add(new ItemDraft
        {
            Repo = repo,
            Number = number,
            IsPull = true,
            Created = created,
            Updated = updated,
            Closed = closed,
            Merged = closed >= 0 && merges,
            Draft = _rng.Chance(closed < 0 ? 0.12 : 0.02),
            User = author,
            Title = bot ? TextPool.BotTitle(author!.Login, _rng) : TextPool.PullTitle(_rng),
        });
    }

    private SimAccount? PullAuthor(bool byGhost)
    {
        if (byGhost)
        {
            return _people.Use(_people.Ghost);
        }

        double u = _rng.NextDouble();
        return u switch
        {
            < 0.05 => _people.Use(_people.Dependabot),
            < 0.08 => _people.Use(_people.Renovate),
            < 0.10 => _people.Use(_people.CiHelper),
            < 0.105 => null,
            _ => _people.Draw(_rng),
        };
    }

    /// <summary>Draws the reviews (and their line comments); returns the latest submitted time, or 0.</summary>
    private long DrawReviews(int repo, int number, SimAccount? author, bool bot, long created, long firstResponse, long limit, bool merged)
    {
        int count = _rng.NextGeometric((bot ? 0.6 : 1.6) * _options.ReviewsScale);
        if (merged && count == 0 && !bot && _rng.Chance(0.6))
        {
            count = 1;
        }

        long latest = 0;
        if (firstResponse <= limit)
        {
            var times = new long[count];
            for (int k = 0; k < count; k++)
            {
                times[k] = k == 0 ? firstResponse : _rng.NextTime(firstResponse, limit);
            }

            Array.Sort(times);
            for (int k = 0; k < count; k++)
            {
                string state = k == count - 1 && merged && _rng.Chance(0.85) ? ReviewStates.Approved : ReviewState();
                SimAccount? reviewer = Reviewer(author);
                int review = _reviews.Count;
                _reviews.Add(new ReviewDraft { Repo = repo, Number = number, Time = times[k], User = reviewer, State = state });
                latest = Math.Max(latest, times[k]);
                DrawReviewComments(repo, number, review, reviewer, state, created, times[k]);
            }
        }

        if (_rng.Chance(0.03))
        {
            long at = _rng.NextTime(created + Minute, _horizon);
            _reviews.Add(new ReviewDraft { Repo = repo, Number = number, Time = at, User = Reviewer(author), State = ReviewStates.Pending });
        }

        return latest;
    }

    private string ReviewState()
    {
        double u = _rng.NextDouble();
        return u switch
        {
            < 0.45 => ReviewStates.Commented,
            < 0.70 => ReviewStates.ChangesRequested,
            < 0.95 => ReviewStates.Approved,
            _ => ReviewStates.Dismissed,
        };
    }

    private SimAccount? Reviewer(SimAccount? author)
    {
        if (_rng.Chance(0.005))
        {
            return null;
        }

        for (int attempt = 0; attempt < 4; attempt++)
        {
            SimAccount candidate = _rng.Chance(0.8) ? _people.DrawCore(_rng) : _people.Draw(_rng);
            if (candidate != author)
            {
                return _people.Use(candidate);
            }
        }

        return _people.Use(_people.DrawCore(_rng) is var core && core != author ? core : _people.Draw(_rng));
    }

    private void DrawReviewComments(int repo, int number, int review, SimAccount? reviewer, string state, long created, long submitted)
    {
        double mean = state switch
        {
            ReviewStates.ChangesRequested => 2.0,
            ReviewStates.Commented => 1.3,
            ReviewStates.Dismissed => 1.0,
            _ => 0.25,
        };
        int count = _rng.NextGeometric(mean);
        for (int k = 0; k < count; k++)
        {
            long at = Math.Max(created + 1, submitted - _rng.Next(5, 900));
            _reviewComments.Add(new ReviewCommentDraft
            {
                Repo = repo,
                Number = number,
                Review = review,
                Created = at,
                Updated = Edited(at),
                User = reviewer,
            });
        }
    }

    /// <summary>Draws the conversation of a pull request; returns the latest comment time, or 0.</summary>
    private long DrawPullComments(int repo, int number, SimAccount? author, bool bot, long created, long firstResponse, long closed)
    {
        long latest = 0;
        long limit = closed >= 0 ? closed : _horizon;
        if (_rng.Chance(bot ? 0.6 : 0.3))
        {
            long at = Math.Min(_horizon, created + _rng.Next(60, 900));
            latest = AddComment(repo, number, _rng.Chance(0.7) ? _people.Actions : _people.Codecov, at);
        }

        int count = _rng.NextGeometric((bot ? 1.0 : 2.7) * _options.CommentsScale);
        for (int k = 0; k < count; k++)
        {
            double u = _rng.NextDouble();
            SimAccount? user = u switch
            {
                < 0.30 => author,
                < 0.70 => _people.DrawCore(_rng),
                < 0.78 => _people.Actions,
                < 0.995 => _people.Draw(_rng),
                _ => null,
            };
            bool late = closed >= 0 && _rng.Chance(0.08);
            long from = user == author ? created + Minute : firstResponse;
            long at = late
                ? closed + Math.Max(Minute, _rng.NextLogNormalSeconds(Day, 1.5))
                : _rng.NextTime(from, limit);
            if (at > _horizon || at > (late ? _horizon : limit) || at <= created)
            {
                continue;
            }

            latest = Math.Max(latest, AddComment(repo, number, user is null ? null : _people.Use(user), at));
        }

        return latest;
    }

    private void DrawIssue(int repo, int number, long created)
    {
        double u = _rng.NextDouble();
        SimAccount? author = u switch
        {
            < 0.01 => null,
            < 0.02 => _people.Actions,
            < 0.12 => _people.DrawCore(_rng),
            _ => _people.Draw(_rng),
        };
        if (author is not null)
        {
            _people.Use(author);
        }

        long closed = -1;
        if (_rng.Chance(0.72))
        {
            closed = created + Math.Max(Minute, _rng.NextLogNormalSeconds(4 * Day, 1.8));
            if (closed >= _horizon)
            {
                closed = -1;
            }
        }

        long limit = closed >= 0 ? closed : _horizon;
        long latest = Math.Max(created, closed);
        int count = _rng.NextGeometric(2.5 * _options.CommentsScale);
        for (int k = 0; k < count; k++)
        {
            double v = _rng.NextDouble();
            SimAccount? user = v switch
            {
                < 0.25 => author,
                < 0.70 => _people.DrawCore(_rng),
                < 0.75 => _people.Actions,
                < 0.995 => _people.Draw(_rng),
                _ => null,
            };
            bool late = closed >= 0 && _rng.Chance(0.08);
            long at = late
                ? closed + Math.Max(Minute, _rng.NextLogNormalSeconds(2 * Day, 1.5))
                : _rng.NextTime(created + Minute, limit);
            if (at > _horizon || at <= created)
            {
                continue;
            }

            latest = Math.Max(latest, AddComment(repo, number, user is null ? null : _people.Use(user), at));
        }

        _items.Add(new ItemDraft
        {
            Repo = repo,
            Number = number,
            IsPull = false,
            Created = created,
            Updated = latest,
            Closed = closed,
            User = author,
            Title = TextPool.IssueTitle(_rng),
            StateReason = _rng.Chance(0.85) ? "completed" : "not_planned",
        });
    }

    private long AddComment(int repo, int number, SimAccount? user, long at)
    {
        if (user is not null)
        {
            _people.Use(user);
        }

        _comments.Add(new CommentDraft { Repo = repo, Number = number, Created = at, Updated = Edited(at), User = user });
        return at;
    }

    /// <summary>Most comments are never edited; some are, a while later (never after the end of history).</summary>
    private long Edited(long created) =>
        _rng.Chance(0.08) ? Math.Min(_horizon, created + Math.Max(1, _rng.NextLogNormalSeconds(3 * Hour, 1.5))) : created;
}
