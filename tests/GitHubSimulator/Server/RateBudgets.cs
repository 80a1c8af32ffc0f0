namespace GitHubSimulator;

/// <summary>
/// The primary rate-limit budgets, one pair (core and GraphQL) per caller: per app installation (shared by its tokens, with
/// <see cref="SimulatorOptions.InstallationRateLimit"/>), and, with <see cref="SimulatorOptions.BudgetPerToken"/>, per
/// token as on GitHub (requests without credentials sharing one); without it, every other caller shares one. Thread-safe.
/// </summary>
internal sealed class RateBudgets
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Budgets> _budgets = new(StringComparer.Ordinal);

    /// <summary>The GraphQL points taken since the server started, by every caller.</summary>
    public long GraphQLPointsUsed
    {
        get
        {
            lock (_gate)
            {
                return _budgets.Values.Sum(b => b.GraphQL.Consumed);
            }
        }
    }

    public Budgets For(Caller caller, SimulatorOptions options)
    {
        string key = caller.Installation is not null || options.BudgetPerToken ? caller.Key : "";
        lock (_gate)
        {
            if (!_budgets.TryGetValue(key, out Budgets? budgets))
            {
                budgets = caller.Installation is null
                    ? new Budgets(RateLimiter.Core(), RateLimiter.GraphQL())
                    : new Budgets(RateLimiter.InstallationCore(), RateLimiter.InstallationGraphQL());
                _budgets[key] = budgets;
            }

            return budgets;
        }
    }
}

/// <summary>One caller's budgets: REST's core and GraphQL's points.</summary>
internal sealed record Budgets(RateLimiter Core, RateLimiter GraphQL);

/// <summary>
/// Who a request comes from: the key of its budget, a label for the request log (<c>anonymous</c>, <c>token:VALUE</c>,
/// <c>installation:ID</c>, <c>app:ID</c>), and the installation token's grant when it carries one.
/// </summary>
internal sealed record Caller(string Key, string Label, string? Token, InstallationGrant? Installation = null)
{
    public static Caller Of(string? token, InstallationTokens installations)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new Caller("", "anonymous", null);
        }

        return installations.Find(token) is { } grant
            ? new Caller("installation:" + grant.InstallationId, "installation:" + grant.InstallationId, token, grant)
            : new Caller("token:" + token, "token:" + token, token);
    }
}
