namespace GitHubSimulator;

/// <summary>What the resolvers of one request share (passed as the execution's user context).</summary>
internal sealed class GraphQLContext(World world, SimulatorOptions options, RateLimitInfo rateLimit, bool failOneChild)
    : Dictionary<string, object?>
{
    private bool _failOneChild = failOneChild;

    public World World { get; } = world;
    public SimulatorOptions Options { get; } = options;

    /// <summary>The answer of <c>rateLimit</c>: this query's cost and the budget after it.</summary>
    public RateLimitInfo RateLimit { get; } = rateLimit;

    /// <summary>Under a <see cref="FaultKind.PartialData"/> fault, fails the first nested connection resolved (once).</summary>
    public void FailIfFaulted()
    {
        if (_failOneChild)
        {
            _failOneChild = false;
            throw GitHubErrors.ServiceUnavailable();
        }
    }

    public SimRepository? RepositoryById(long id)
    {
        foreach (SimRepository repo in World.Repositories)
        {
            if (repo.Id == id)
            {
                return repo;
            }
        }

        return null;
    }
}

/// <summary>The fields of GraphQL's <c>RateLimit</c>.</summary>
internal sealed record RateLimitInfo(int Cost, int Limit, long NodeCount, int Remaining, DateTime ResetAt, int Used);
