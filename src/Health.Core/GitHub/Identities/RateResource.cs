namespace Health.Core.GitHub.Identities;

/// <summary>GitHub's primary rate-limit budgets that Health spends, each apart: REST's <c>core</c> and GraphQL's points.</summary>
internal enum RateResource
{
    Core,
    GraphQL,
}
