using System.Net.Http.Headers;

namespace Health.Core.GitHub.Identities;

/// <summary>
/// One way of asking GitHub (a token, an app installation, or no credentials), with its own rate-limit budgets. Its
/// <see cref="Name"/> and messages name the configuration key it comes from, never the secret.
/// </summary>
internal abstract class GitHubIdentity(string name)
{
    /// <summary>The configuration key it comes from, e.g. <c>GitHub:Tokens:1</c>: safe to show and to log.</summary>
    public string Name { get; } = name;

    public RateBudget Core { get; } = new();

    public RateBudget GraphQL { get; } = new();

    /// <summary>How a message names it when GitHub rejects it ("the token", "the GitHub App's installation token for acme").</summary>
    public abstract string Label { get; }

    /// <summary>What to do when GitHub rejects it (401).</summary>
    public abstract string Advice { get; }

    public RateBudget Budget(RateResource resource) => resource == RateResource.GraphQL ? GraphQL : Core;

    /// <summary>The Authorization header to send, or null for none.</summary>
    public abstract ValueTask<AuthenticationHeaderValue?> AuthorizationAsync(CancellationToken ct);
}
