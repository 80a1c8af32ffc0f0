namespace GitHubSimulator;

/// <summary>
/// The simulated GitHub: accounts and repositories. Everything the server reads and every mutation happens under
/// <see cref="SyncRoot"/>; the mutation methods below take it themselves and keep GitHub's invariants (an event on
/// an issue or pull request moves its <c>updated_at</c> to the event time). Times come from <see cref="Clock"/>,
/// truncated to whole seconds like GitHub's.
/// </summary>
public sealed class World
{
    private const long MadeUpOrganizationIds = 90_000_000;
    private const long MadeUpTeamIds = 7_000_000;
    private readonly List<SimRepository> _repositories = [];
    private readonly Dictionary<string, SimRepository> _repositoriesByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SimAccount> _accounts = [];
    private readonly Dictionary<long, SimAccount> _accountsById = [];
    private readonly Dictionary<string, SimAccount> _accountsByLogin = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SimOrganization> _organizations = new(StringComparer.OrdinalIgnoreCase);
    private long _teamCount;
    private IdCounters? _ids;

    public World(TimeProvider? clock = null) => Clock = clock ?? TimeProvider.System;

    public IReadOnlyList<SimRepository> Repositories => _repositories;
    public IReadOnlyList<SimAccount> Accounts => _accounts;
    public object SyncRoot { get; } = new();
    public TimeProvider Clock { get; }

    /// <summary>When true the reviews endpoint also lists PENDING reviews (GitHub hides other users' pending reviews).</summary>
    public bool ShowPendingReviews { get; set; }

    /// <summary>The clock's current time, truncated to whole seconds (UTC).</summary>
    public DateTime Now => TimeFormat.TruncateToSeconds(Clock.GetUtcNow().UtcDateTime);

    /// <summary>The repository owner/name (case-insensitive); throws <see cref="KeyNotFoundException"/> when unknown.</summary>
    public SimRepository Repo(string owner, string name) =>
        FindRepository(owner, name) ?? throw new KeyNotFoundException($"No repository {owner}/{name}.");

    public SimRepository? FindRepository(string owner, string name)
    {
        lock (SyncRoot)
        {
            return _repositoriesByName.GetValueOrDefault(owner + "/" + name);
        }
    }

    public SimAccount? FindAccount(string login)
    {
        lock (SyncRoot)
        {
            return _accountsByLogin.GetValueOrDefault(login);
        }
    }

    public SimAccount? FindAccount(long id)
    {
        lock (SyncRoot)
        {
            return _accountsById.GetValueOrDefault(id);
        }
    }

    /// <summary>Adds an empty repository (its owner account is created as an organization when missing).</summary>
    public SimRepository AddRepository(string owner, string name, bool isPrivate = false)
    {
        lock (SyncRoot)
        {
            if (_repositoriesByName.ContainsKey(owner + "/" + name))
            {
                throw new InvalidOperationException($"Repository {owner}/{name} exists.");
            }

            if (!_accountsByLogin.ContainsKey(owner))
            {
                AddAccount(owner, AccountTypes.Organization);
            }

            long id = _repositories.Count == 0 ? 100_000_001 : _repositories.Max(r => r.Id) + 1;
            var repo = new SimRepository(id, owner, name) { Private = isPrivate, CreatedAt = Now, PushedAt = Now };
            AttachRepository(repo);
            return repo;
        }
    }

    public SimAccount AddAccount(string login, string type = AccountTypes.User)
    {
        lock (SyncRoot)
        {
            if (_accountsByLogin.ContainsKey(login))
            {
                throw new InvalidOperationException($"Login {login} is taken.");
            }

            long id = _accounts.Count == 0 ? 1 : _accounts.Max(a => a.Id) + 1;
            var account = new SimAccount(id, login, type) { CreatedAt = Now };
            AttachAccount(account);
            return account;
        }
    }

    public void RenameAccount(long accountId, string newLogin)
    {
        ArgumentException.ThrowIfNullOrEmpty(newLogin);
        lock (SyncRoot)
        {
            SimAccount account = _accountsById.GetValueOrDefault(accountId)
                ?? throw new KeyNotFoundException($"No account {accountId}.");
            if (_accountsByLogin.TryGetValue(newLogin, out SimAccount? other) && other != account)
            {
                throw new InvalidOperationException($"Login {newLogin} is taken.");
            }

            _accountsByLogin.Remove(account.Login);
            account.Login = newLogin;
            _accountsByLogin[newLogin] = account;
        }
    }

    public SimPull AddPull(SimRepository repo, SimAccount? user, string title)
    {
        lock (SyncRoot)
        {
            RepoIndex index = repo.GetIndex();
            IdCounters ids = Ids();
            DateTime now = Now;
            var pull = new SimPull
            {
                Id = ++ids.Pull,
                IssueId = ++ids.Issue,
                Number = index.MaxNumber + 1,
                Title = title,
                Body = TextPool.PullBody(index.MaxNumber),
                User = user,
                CreatedAt = now,
                UpdatedAt = now,
                AuthorAssociation = Association(repo, user, authorOfPull: true),
                Additions = 12,
                Deletions = 3,
                ChangedFiles = 1,
            };
            repo.Pulls.Add(pull);
            index.PullAdded(pull);
            return pull;
        }
    }

    public SimIssue AddIssue(SimRepository repo, SimAccount? user, string title)
    {
        lock (SyncRoot)
        {
            RepoIndex index = repo.GetIndex();
            DateTime now = Now;
            var issue = new SimIssue
            {
                Id = ++Ids().Issue,
                Number = index.MaxNumber + 1,
                Title = title,
                Body = TextPool.IssueBody(index.MaxNumber),
                User = user,
                CreatedAt = now,
                UpdatedAt = now,
                AuthorAssociation = Association(repo, user, authorOfPull: false),
            };
            repo.Issues.Add(issue);
            index.IssueAdded(issue);
            return issue;
        }
    }

    /// <summary>Adds a review; unless it is PENDING it is submitted now and moves the pull request's updated_at.</summary>
    public SimReview AddReview(SimRepository repo, int pullNumber, SimAccount? user, string state)
    {
        lock (SyncRoot)
        {
            RepoIndex index = repo.GetIndex();
            SimPull pull = PullOf(index, pullNumber);
            DateTime now = Now;
            bool pending = string.Equals(state, ReviewStates.Pending, StringComparison.Ordinal);
            var review = new SimReview
            {
                Id = ++Ids().Review,
                PullNumber = pullNumber,
                User = user,
                State = state,
                SubmittedAt = pending ? null : now,
                Body = TextPool.ReviewBody(state, repo.Reviews.Count),
                AuthorAssociation = Association(repo, user, authorOfPull: false),
            };
            repo.Reviews.Add(review);
            index.ReviewAdded(review);
            if (!pending)
            {
                pull.UpdatedAt = now;
            }

            return review;
        }
    }

    /// <summary>Comments on the issue or pull request <paramref name="number"/> and moves its updated_at.</summary>
    public SimIssueComment AddIssueComment(SimRepository repo, int number, SimAccount? user)
    {
        lock (SyncRoot)
        {
            RepoIndex index = repo.GetIndex();
            SimPull? pull = index.PullsByNumber.GetValueOrDefault(number);
            SimIssue? issue = pull is null ? index.IssuesByNumber.GetValueOrDefault(number) : null;
            if (pull is null && issue is null)
            {
                throw new ArgumentException($"No issue or pull request #{number} in {repo.FullName}.", nameof(number));
            }

            DateTime now = Now;
            var comment = new SimIssueComment
            {
                Id = ++Ids().IssueComment,
                IssueNumber = number,
                User = user,
                CreatedAt = now,
                UpdatedAt = now,
                Body = TextPool.CommentBody(repo.IssueComments.Count),
                AuthorAssociation = Association(repo, user, authorOfPull: false),
            };
            repo.IssueComments.Add(comment);
            index.IssueCommentAdded(comment);
            if (pull is not null)
            {
                pull.UpdatedAt = now;
            }
            else
            {
                issue!.UpdatedAt = now;
            }

            return comment;
        }
    }

    /// <summary>Adds a review comment (not attached to a review: set <see cref="SimReviewComment.ReviewId"/> to attach it).</summary>
    public SimReviewComment AddReviewComment(SimRepository repo, int pullNumber, SimAccount? user)
    {
        lock (SyncRoot)
        {
            RepoIndex index = repo.GetIndex();
            SimPull pull = PullOf(index, pullNumber);
            DateTime now = Now;
            int n = repo.ReviewComments.Count;
            var comment = new SimReviewComment
            {
                Id = ++Ids().ReviewComment,
                PullNumber = pullNumber,
                User = user,
                CreatedAt = now,
                UpdatedAt = now,
                Body = TextPool.ReviewCommentBody(n),
                Path = TextPool.FilePath(n),
                Line = 1 + (n % 200),
                AuthorAssociation = Association(repo, user, authorOfPull: false),
            };
            repo.ReviewComments.Add(comment);
            index.ReviewCommentAdded(comment);
            pull.UpdatedAt = now;
            return comment;
        }
    }

    /// <summary>Edits a comment's body; its updated_at becomes now (the issue's does not move, as on GitHub).</summary>
    public void EditIssueComment(SimRepository repo, long commentId, string newBody)
    {
        lock (SyncRoot)
        {
            SimIssueComment comment = repo.GetIndex().IssueCommentsById.GetValueOrDefault(commentId)
                ?? throw new ArgumentException($"No issue comment {commentId} in {repo.FullName}.", nameof(commentId));
            comment.Body = newBody;
            comment.UpdatedAt = Now;
        }
    }

    /// <summary>Edits a pull request's title and/or body (null leaves it); its updated_at becomes now, as on GitHub.</summary>
    public void EditPull(SimRepository repo, int number, string? title = null, string? body = null)
    {
        lock (SyncRoot)
        {
            SimPull pull = PullOf(repo.GetIndex(), number);
            pull.Title = title ?? pull.Title;
            pull.Body = body ?? pull.Body;
            pull.UpdatedAt = Now;
        }
    }

    public void MergePull(SimRepository repo, int number)
    {
        lock (SyncRoot)
        {
            SimPull pull = PullOf(repo.GetIndex(), number);
            if (pull.MergedAt is not null || pull.State != ItemStates.Open)
            {
                throw new InvalidOperationException($"Pull request #{number} is not open.");
            }

            DateTime now = Now;
            pull.MergedAt = now;
            pull.ClosedAt = now;
            pull.Draft = false;
            pull.State = ItemStates.Closed;
            pull.UpdatedAt = now;
            if (pull.User is not null)
            {
                repo.MergedByAuthor[pull.User.Id] = repo.MergedByAuthor.GetValueOrDefault(pull.User.Id) + 1;
            }
        }
    }

    public void ClosePull(SimRepository repo, int number)
    {
        lock (SyncRoot)
        {
            SimPull pull = PullOf(repo.GetIndex(), number);
            if (pull.State != ItemStates.Open)
            {
                return;
            }

            DateTime now = Now;
            pull.ClosedAt = now;
            pull.State = ItemStates.Closed;
            pull.UpdatedAt = now;
        }
    }

    public void CloseIssue(SimRepository repo, int number, string stateReason = "completed")
    {
        lock (SyncRoot)
        {
            SimIssue issue = repo.GetIndex().IssuesByNumber.GetValueOrDefault(number)
                ?? throw new ArgumentException($"No issue #{number} in {repo.FullName}.", nameof(number));
            if (issue.State != ItemStates.Open)
            {
                return;
            }

            DateTime now = Now;
            issue.ClosedAt = now;
            issue.StateReason = stateReason;
            issue.State = ItemStates.Closed;
            issue.UpdatedAt = now;
        }
    }

    /// <summary>
    /// Makes <paramref name="login"/> a member of the organization <paramref name="org"/> (shown by <c>/user/orgs</c>
    /// to that user's token). The organization need not be an account.
    /// </summary>
    public void AddOrgMember(string org, string login)
    {
        ArgumentException.ThrowIfNullOrEmpty(org);
        ArgumentException.ThrowIfNullOrEmpty(login);
        lock (SyncRoot)
        {
            Organization(org).Members.Add(login);
        }
    }

    /// <summary>
    /// Makes <paramref name="login"/> a member of the team <paramref name="teamSlug"/> of <paramref name="org"/> (created
    /// when missing) and of the organization itself.
    /// </summary>
    public void AddTeamMember(string org, string teamSlug, string login)
    {
        ArgumentException.ThrowIfNullOrEmpty(org);
        ArgumentException.ThrowIfNullOrEmpty(teamSlug);
        ArgumentException.ThrowIfNullOrEmpty(login);
        lock (SyncRoot)
        {
            SimOrganization organization = Organization(org);
            if (!organization.Teams.TryGetValue(teamSlug, out SimTeam? team))
            {
                team = new SimTeam(MadeUpTeamIds + ++_teamCount, teamSlug, organization, Now);
                organization.Teams[teamSlug] = team;
            }

            team.Members.Add(login);
            organization.Members.Add(login);
        }
    }

    /// <summary>Lets <paramref name="login"/>'s user token read <paramref name="repo"/>, even when it is private.</summary>
    public void GrantRead(SimRepository repo, string login)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentException.ThrowIfNullOrEmpty(login);
        lock (SyncRoot)
        {
            repo.Readers.Add(login);
        }
    }

    /// <summary>The organizations <paramref name="login"/> is a member of, by login. Caller holds the lock.</summary>
    internal List<SimOrganization> OrganizationsOf(string login) =>
        _organizations.Values.Where(o => o.Members.Contains(login)).OrderBy(o => OrganizationLogin(o), StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The teams <paramref name="login"/> is a member of, by organization then slug. Caller holds the lock.</summary>
    internal List<SimTeam> TeamsOf(string login) =>
        _organizations.Values
            .SelectMany(o => o.Teams.Values)
            .Where(t => t.Members.Contains(login))
            .OrderBy(t => OrganizationLogin(t.Organization), StringComparer.OrdinalIgnoreCase)
            .ThenBy(t => t.Slug, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>The Organization account of that login, if the world has one. Caller holds the lock.</summary>
    internal SimAccount? OrganizationAccount(SimOrganization organization) =>
        _accountsByLogin.GetValueOrDefault(organization.Login) is { Type: AccountTypes.Organization } account ? account : null;

    /// <summary>Whether <paramref name="login"/>'s user token may read <paramref name="repo"/>. Caller holds the lock.</summary>
    internal static bool CanRead(SimRepository repo, string login) =>
        !repo.Private || string.Equals(repo.Owner, login, StringComparison.OrdinalIgnoreCase) || repo.Readers.Contains(login);

    internal void AttachAccount(SimAccount account)
    {
        _accounts.Add(account);
        _accountsById[account.Id] = account;
        _accountsByLogin[account.Login] = account;
    }

    internal void AttachRepository(SimRepository repo)
    {
        _repositories.Add(repo);
        _repositoriesByName[repo.FullName] = repo;
        _ids = null;
    }

    /// <summary>Builds every repository's index now rather than on the first request.</summary>
    internal void WarmUp()
    {
        lock (SyncRoot)
        {
            foreach (SimRepository repo in _repositories)
            {
                repo.GetIndex();
            }
        }
    }

    internal static string Association(SimRepository repo, SimAccount? user, bool authorOfPull)
    {
        if (user is null)
        {
            return Associations.None;
        }

        if (string.Equals(user.Login, repo.Owner, StringComparison.OrdinalIgnoreCase))
        {
            return Associations.Owner;
        }

        if (repo.Members.Contains(user.Id))
        {
            return Associations.Member;
        }

        if (repo.MergedByAuthor.GetValueOrDefault(user.Id) > 0)
        {
            return Associations.Contributor;
        }

        return authorOfPull ? Associations.FirstTimeContributor : Associations.None;
    }

    private string OrganizationLogin(SimOrganization organization) => OrganizationAccount(organization)?.Login ?? organization.Login;

    private SimOrganization Organization(string login)
    {
        if (!_organizations.TryGetValue(login, out SimOrganization? organization))
        {
            organization = new SimOrganization(login, MadeUpOrganizationIds + _organizations.Count + 1, Now);
            _organizations[login] = organization;
        }

        return organization;
    }

    private static SimPull PullOf(RepoIndex index, int number) =>
        index.PullsByNumber.GetValueOrDefault(number)
        ?? throw new ArgumentException($"No pull request #{number}.", nameof(number));

    private IdCounters Ids()
    {
        if (_ids is null)
        {
            var ids = new IdCounters();
            foreach (SimRepository repo in _repositories)
            {
                foreach (SimPull p in repo.Pulls)
                {
                    ids.Pull = Math.Max(ids.Pull, p.Id);
                    ids.Issue = Math.Max(ids.Issue, p.IssueKey);
                }

                foreach (SimIssue i in repo.Issues)
                {
                    ids.Issue = Math.Max(ids.Issue, i.Id);
                }

                foreach (SimReview r in repo.Reviews)
                {
                    ids.Review = Math.Max(ids.Review, r.Id);
                }

                foreach (SimIssueComment c in repo.IssueComments)
                {
                    ids.IssueComment = Math.Max(ids.IssueComment, c.Id);
                }

                foreach (SimReviewComment c in repo.ReviewComments)
                {
                    ids.ReviewComment = Math.Max(ids.ReviewComment, c.Id);
                }
            }

            _ids = ids;
        }

        return _ids;
    }

    private sealed class IdCounters
    {
        public long Pull { get; set; }
        public long Issue { get; set; }
        public long Review { get; set; }
        public long IssueComment { get; set; }
        public long ReviewComment { get; set; }
    }
}
