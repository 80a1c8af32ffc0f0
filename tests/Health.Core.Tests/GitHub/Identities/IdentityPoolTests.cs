using Health.Core.GitHub.Identities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Health.Core.Tests.GitHub.Identities;

public class IdentityPoolTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void Take_SpentIdentity_IsSkippedUntilItsReset()
    {
        var (pool, a, b) = TwoTokens();
        Answer(a, RateResource.Core, remaining: 0, reset: Now.AddMinutes(10));
        Answer(b, RateResource.Core, remaining: 3, reset: Now.AddMinutes(30));

        var taken = Enumerable.Range(0, 3).Select(_ => pool.Take(null, RateResource.Core)).ToList();

        Assert.All(taken, t => Assert.Same(b, t));

        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Same(a, pool.Take(null, RateResource.Core));
    }

    [Fact]
    public void Take_CountsWhatIsInFlight_AndTakesTheIdentityWithMostLeft()
    {
        var (pool, a, b) = TwoTokens();
        Answer(a, RateResource.Core, remaining: 5, reset: Now.AddMinutes(10));
        Answer(b, RateResource.Core, remaining: 3, reset: Now.AddMinutes(10));

        // a has 5 left and b 3; each request in flight counts against its identity, and a tie goes to the first.
        var order = Enumerable.Range(0, 6).Select(_ => pool.Take(null, RateResource.Core).Name).ToList();

        Assert.Equal(["GitHub:Tokens:0", "GitHub:Tokens:0", "GitHub:Tokens:0", "GitHub:Tokens:1", "GitHub:Tokens:0", "GitHub:Tokens:1"], order);
    }

    [Fact]
    public void Take_EveryIdentitySpent_TakesTheOneThatResetsFirst_AndNextAvailableIsThatReset()
    {
        var (pool, a, b) = TwoTokens();
        Answer(a, RateResource.Core, remaining: 0, reset: Now.AddMinutes(40));
        Answer(b, RateResource.Core, remaining: 0, reset: Now.AddMinutes(25));

        Assert.Equal(Now.AddMinutes(25), pool.NextAvailable(null, RateResource.Core));
        Assert.Same(b, pool.Take(null, RateResource.Core));
    }

    [Fact]
    public void Take_BudgetsOfEachResourceApart()
    {
        var (pool, a, b) = TwoTokens();
        Answer(a, RateResource.GraphQL, remaining: 0, reset: Now.AddMinutes(10));
        Answer(b, RateResource.Core, remaining: 0, reset: Now.AddMinutes(10));

        Assert.Same(b, pool.Take(null, RateResource.GraphQL));
        Assert.Same(a, pool.Take(null, RateResource.Core));
        Assert.Equal(Now, pool.NextAvailable(null, RateResource.Core));
    }

    [Fact]
    public void RateBudget_AnswersOutOfOrder_KeepTheLowerCountOfAWindow_AndANewWindowReplacesIt()
    {
        var budget = new RateBudget();
        var reset = Now.AddMinutes(10);

        budget.Observe(40, reset);
        budget.Observe(42, reset);
        Assert.Equal(40, budget.Left(Now));

        budget.Observe(4999, reset.AddHours(1));
        Assert.Equal(4999, budget.Left(Now));

        budget.Observe(7, reset);
        Assert.Equal(4999, budget.Left(Now));
    }

    [Fact]
    public void RateBudget_GraphQLQueryCost_IsReservedForEachQueryInFlight()
    {
        var budget = new RateBudget();
        budget.Observe(10, Now.AddMinutes(10));
        budget.NoteCost(4);

        budget.Begin();
        Assert.Equal(6, budget.Left(Now));
        Assert.True(budget.CanAfford(Now));
        budget.Begin();
        Assert.False(budget.CanAfford(Now), "two queries of 4 in flight leave 2, less than one more");
        budget.End();
        Assert.True(budget.CanAfford(Now));
    }

    [Fact]
    public void Identities_NoCredentials_IsOneAnonymousIdentity()
    {
        var pool = new IdentityPool([], null, _clock, NullLogger.Instance);

        var identity = Assert.Single(pool.Identities);
        Assert.False(pool.HasCredentials);
        Assert.Same(identity, pool.Take("acme", RateResource.Core));
        Assert.Equal("anonymous", identity.Name);
    }

    private (IdentityPool Pool, GitHubIdentity A, GitHubIdentity B) TwoTokens()
    {
        var pool = new IdentityPool([TokenIdentity.Listed(0, "test-token-a"), TokenIdentity.Listed(1, "test-token-b")], null, _clock, NullLogger.Instance);
        return (pool, pool.Identities[0], pool.Identities[1]);
    }

    private static void Answer(GitHubIdentity identity, RateResource resource, int remaining, DateTime reset) =>
        identity.Budget(resource).Observe(remaining, reset);
}
