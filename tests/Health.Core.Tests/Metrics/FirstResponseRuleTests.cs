using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Testing;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Tests.Metrics;

/// <summary>One migrated database per provider, shared by the cases of a class: each case writes a repository of its own.</summary>
public sealed class RuleDatabases : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, TestDatabase> _databases = [];

    public TestDatabase this[DatabaseProvider provider] => _databases[provider];

    public async Task InitializeAsync()
    {
        foreach (var provider in (DatabaseProvider[])[DatabaseProvider.Sqlite, DatabaseProvider.Postgres])
        {
            var database = await TestDatabase.CreateAsync(provider);
            _databases[provider] = database;
            await using var db = database.NewDb();
            await db.Database.MigrateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var database in _databases.Values)
        {
            await database.DisposeAsync();
        }
    }
}

/// <summary>
/// METRICS.md's first response and first review, tested on the code that computes them: the derivation's SQL
/// (<see cref="DerivedFacts"/>), run on a small database of each provider. A response is the earliest issue comment,
/// review comment or submitted review (not PENDING) by an account that is neither a bot, nor deleted, nor the author;
/// the first review counts reviews only.
/// </summary>
public sealed class FirstResponseRuleTests(RuleDatabases databases) : IClassFixture<RuleDatabases>
{
    private const long Author = 100, Maintainer = 200, Other = 300, DeletedAccount = 400, BotAccount = 900;

    private static readonly DateTime Created = new(2024, 5, 6, 10, 0, 0, DateTimeKind.Utc);
    private static long _nextId = 1_000_000;

    private enum Kind
    {
        IssueComment,
        ReviewComment,
        Review,
    }

    private sealed record Item(long? Actor, double? HoursAfter, Kind Kind, string State = "APPROVED");

    private static Item Comment(long? actor, double hoursAfter) => new(actor, hoursAfter, Kind.IssueComment);

    private static Item Review(long? actor, double? hoursAfter, string state = "APPROVED") => new(actor, hoursAfter, Kind.Review, state);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task NoCandidates_NoResponse(DatabaseProvider provider)
    {
        Assert.Equal((null, null), await DeriveAsync(provider, Author));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BotCommentBeforeHumanAnswer_IsTheHumanAnswer(DatabaseProvider provider)
    {
        var (response, _) = await DeriveAsync(provider, Author, Comment(BotAccount, 0.1), Comment(Maintainer, 5));

        Assert.Equal(Created.AddHours(5), response);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AuthorAnsweringThemself_IsIgnored(DatabaseProvider provider)
    {
        var (response, _) = await DeriveAsync(provider, Author, Comment(Author, 1), Review(Author, 2, "COMMENTED"), Comment(Other, 3));

        Assert.Equal(Created.AddHours(3), response);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OnlyAuthorAndBots_NoResponse(DatabaseProvider provider)
    {
        Assert.Equal((null, null), await DeriveAsync(provider, Author, Comment(Author, 1), Comment(BotAccount, 2), Review(BotAccount, 3)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PendingReview_IsIgnored(DatabaseProvider provider)
    {
        var (response, review) = await DeriveAsync(provider, Author, Review(Maintainer, 1, "PENDING"), Review(Maintainer, 4, "CHANGES_REQUESTED"));

        Assert.Equal(Created.AddHours(4), response);
        Assert.Equal(Created.AddHours(4), review);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReviewWithoutTime_IsIgnored(DatabaseProvider provider)
    {
        var (response, review) = await DeriveAsync(provider, Author, Review(Maintainer, null, "COMMENTED"), Comment(Other, 6));

        Assert.Equal(Created.AddHours(6), response);
        Assert.Null(review);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DeletedAccountOrNone_IsIgnored(DatabaseProvider provider)
    {
        var (response, _) = await DeriveAsync(provider, Author, Comment(null, 1), Comment(DeletedAccount, 2), Comment(Maintainer, 7));

        Assert.Equal(Created.AddHours(7), response);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CandidatesOfEveryKindOutOfOrder_TheEarliest(DatabaseProvider provider)
    {
        var (response, review) = await DeriveAsync(provider, Author, Comment(Maintainer, 9), new Item(Other, 2, Kind.ReviewComment), Review(Maintainer, 3, "DISMISSED"));

        Assert.Equal(Created.AddHours(2), response);
        Assert.Equal(Created.AddHours(3), review);
    }

    /// <summary>The fact keeps the moment as GitHub gave it; the hours from it are clamped at zero by the one rule that computes every wait (<see cref="Hours.Waited"/>).</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ResponseBeforeCreation_CountsAsZeroHours(DatabaseProvider provider)
    {
        var (response, _) = await DeriveAsync(provider, Author, Comment(Maintainer, -0.5), Comment(Other, 1));

        Assert.Equal(Created.AddHours(-0.5), response);
        Assert.Equal(0.0, Hours.Waited(Created, response!.Value));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AuthorDeleted_EveryQualifyingAccountCounts(DatabaseProvider provider)
    {
        var (response, _) = await DeriveAsync(provider, null, Comment(Author, 1));

        Assert.Equal(Created.AddHours(1), response);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FirstReview_CommentsBeforeIt_AreNotReviews(DatabaseProvider provider)
    {
        var (response, review) = await DeriveAsync(
            provider,
            Author,
            Comment(Maintainer, 1),
            new Item(Other, 2, Kind.ReviewComment),
            Review(BotAccount, 3),
            Review(Maintainer, 4, "PENDING"),
            Review(Author, 5),
            Review(Other, 8, "COMMENTED"));

        Assert.Equal(Created.AddHours(1), response);
        Assert.Equal(Created.AddHours(8), review);
    }

    /// <summary>Writes a repository of its own with one PR by <paramref name="author"/> and <paramref name="items"/> on it, derives that PR's facts as a sync's page would, and reads them.</summary>
    private async Task<(DateTime? Response, DateTime? Review)> DeriveAsync(DatabaseProvider provider, long? author, params Item[] items)
    {
        await using var db = databases[provider].NewDb();
        await AccountsAsync(db);
        var number = (int)(Interlocked.Increment(ref _nextId) % 100_000);
        var repo = new TrackedRepository { GitHubId = number, Owner = "acme", Name = $"rule-{number}", FullNameKey = $"acme/rule-{number}", AddedAt = Created };
        db.Repositories.Add(repo);
        await db.SaveChangesAsync();
        db.PullRequests.Add(new PullRequest { Id = Interlocked.Increment(ref _nextId), RepositoryId = repo.Id, Number = 1, Title = "A change", State = "open", AuthorId = author, CreatedAt = Created, UpdatedAt = Created });
        foreach (var item in items)
        {
            var id = Interlocked.Increment(ref _nextId);
            var at = item.HoursAfter is { } h ? Created.AddHours(h) : (DateTime?)null;
            switch (item.Kind)
            {
                case Kind.IssueComment:
                    db.IssueComments.Add(new IssueComment { Id = id, RepositoryId = repo.Id, Number = 1, AuthorId = item.Actor, CreatedAt = at!.Value, UpdatedAt = at.Value });
                    break;
                case Kind.ReviewComment:
                    db.ReviewComments.Add(new ReviewComment { Id = id, RepositoryId = repo.Id, PullNumber = 1, AuthorId = item.Actor, CreatedAt = at!.Value, UpdatedAt = at.Value });
                    break;
                default:
                    db.Reviews.Add(new Review { Id = id, RepositoryId = repo.Id, PullNumber = 1, AuthorId = item.Actor, State = item.State, SubmittedAt = at });
                    break;
            }
        }

        await db.SaveChangesAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await DerivedFacts.DeriveTouchedAsync(db, repo.Id, [1], new DerivationRules([], [], []), CancellationToken.None);
            await transaction.CommitAsync();
        }

        var pr = await db.PullRequests.AsNoTracking().SingleAsync(p => p.RepositoryId == repo.Id);
        return (pr.FirstResponseAt, pr.FirstReviewAt);
    }

    private static async Task AccountsAsync(HealthDb db)
    {
        if (await db.Accounts.AnyAsync())
        {
            return;
        }

        db.Accounts.AddRange(
            new Account { Id = Author, Login = "author", Type = "User" },
            new Account { Id = Maintainer, Login = "maintainer", Type = "User" },
            new Account { Id = Other, Login = "other", Type = "User" },
            new Account { Id = DeletedAccount, Login = "ghost", Type = "User", IsDeleted = true },
            new Account { Id = BotAccount, Login = "helper[bot]", Type = "Bot", IsBot = true });
        await db.SaveChangesAsync();
    }
}
