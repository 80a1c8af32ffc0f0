using System.Net.Http.Headers;

namespace Health.Core.GitHub.Identities;

/// <summary>A personal access token (or any token given as such) from <c>GitHub:Token</c> or <c>GitHub:Tokens</c>; or none at all.</summary>
internal sealed class TokenIdentity(string name, string? token, string label, string advice) : GitHubIdentity(name)
{
    public const string SingleKey = "GitHub:Token";

    public override string Label => label;

    public override string Advice => advice;

    public bool IsAnonymous => token is null;

    /// <summary><c>GitHub:Token</c> (or <c>GITHUB_TOKEN</c>).</summary>
    public static TokenIdentity Single(string token) =>
        new(SingleKey, token, "the token", "set GitHub:Token or the GITHUB_TOKEN environment variable to a valid, unexpired token");

    /// <summary>The token at <c>GitHub:Tokens:</c><paramref name="index"/>.</summary>
    public static TokenIdentity Listed(int index, string token) =>
        new($"GitHub:Tokens:{index}", token, $"the token GitHub:Tokens:{index}", $"set GitHub:Tokens:{index} to a valid, unexpired token, or remove it");

    /// <summary>No credentials: REST answers public data (GitHub: 60 requests an hour); GraphQL answers nothing.</summary>
    public static TokenIdentity Anonymous() =>
        new("anonymous", null, "a request without credentials", "set GitHub:Token (or GITHUB_TOKEN), GitHub:Tokens or GitHub:App (an app installed on the repository's account)");

    public override ValueTask<AuthenticationHeaderValue?> AuthorizationAsync(CancellationToken ct) =>
        ValueTask.FromResult(token is null ? null : new AuthenticationHeaderValue("Bearer", token));
}
