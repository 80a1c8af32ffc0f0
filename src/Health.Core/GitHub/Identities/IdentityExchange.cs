namespace Health.Core.GitHub.Identities;

/// <summary>
/// One attempt of a request, in its async flow: the account whose repositories it reads (which app installation may
/// serve it), and the identity the <see cref="IdentityHandler"/> sent it with, so that the policy can name it on a 401
/// and set it aside on a rate limit.
/// </summary>
internal sealed class IdentityExchange : IDisposable
{
    private static readonly AsyncLocal<IdentityExchange?> Flow = new();

    private IdentityExchange(string? owner) => Owner = owner;

    public static IdentityExchange? Current => Flow.Value;

    /// <summary>The repository owner the request is for; null when it is for no account in particular.</summary>
    public string? Owner { get; }

    public GitHubIdentity? Identity { get; private set; }

    public RateResource Resource { get; private set; }

    /// <summary>Starts an attempt's exchange in this async flow; dispose after the attempt.</summary>
    public static IdentityExchange Begin(string? owner)
    {
        var exchange = new IdentityExchange(owner);
        Flow.Value = exchange;
        return exchange;
    }

    public void Record(GitHubIdentity identity, RateResource resource)
    {
        Identity = identity;
        Resource = resource;
    }

    public void Dispose() => Flow.Value = null;
}
