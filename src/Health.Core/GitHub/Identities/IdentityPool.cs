using Microsoft.Extensions.Logging;

namespace Health.Core.GitHub.Identities;

/// <summary>
/// The identities Health asks GitHub with, for the whole process (a budget belongs to an identity, not to a sync): the
/// tokens of <c>GitHub:Token</c> and <c>GitHub:Tokens</c>, and the installations of the app of <c>GitHub:App</c>.
/// Each request takes the identity with the most budget left of its resource among those that may serve the repository's
/// owner (every token, and the app's installation on that account); an identity whose budget is spent is skipped until
/// its reset. When all are spent, no request goes out: <see cref="IdentityHandler"/> answers it as GitHub would (403, the
/// earliest reset), and the policy waits for that reset or stops with the checkpoint saved. Without any, requests go out
/// without credentials.
/// </summary>
public sealed partial class IdentityPool
{
    /// <summary>How long a listing of the app's installations answers for an account it did not show.</summary>
    public static readonly TimeSpan RelistAfter = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly IReadOnlyList<TokenIdentity> _tokens;
    private readonly TokenIdentity _anonymous = TokenIdentity.Anonymous();
    private readonly Lazy<GitHubApp>? _app;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<GitHubIdentity> _rejected = [];
    private List<AppInstallationIdentity> _installations = [];
    private DateTime? _listedAt;
    private Task? _listing;

    internal IdentityPool(IReadOnlyList<TokenIdentity> tokens, Func<GitHubApp>? app, TimeProvider time, ILogger logger)
    {
        _tokens = tokens;
        _app = app is null ? null : new Lazy<GitHubApp>(app);
        _time = time;
        _logger = logger;
    }

    /// <summary>The clock budgets and resets are read on.</summary>
    internal TimeProvider Time => _time;

    /// <summary>Whether any credentials are set (GraphQL needs them).</summary>
    public bool HasCredentials => _tokens.Count > 0 || _app is not null;

    /// <summary>Every identity known now: the tokens, the app's installations found so far, or the anonymous one.</summary>
    internal IReadOnlyList<GitHubIdentity> Identities
    {
        get
        {
            lock (_gate)
            {
                return [.. _tokens, .. _installations, .. HasCredentials ? Array.Empty<GitHubIdentity>() : [_anonymous]];
            }
        }
    }

    /// <summary>
    /// Lists the app's installations when none were listed yet, or when <paramref name="owner"/> is not among them and the
    /// last listing is older than <see cref="RelistAfter"/> (an app newly installed there).
    /// </summary>
    internal async ValueTask PrepareAsync(string? owner, CancellationToken ct)
    {
        if (_app is null)
        {
            return;
        }

        Task listing;
        lock (_gate)
        {
            if (_listedAt is { } listedAt &&
                (owner is null || _installations.Any(i => i.Serves(owner)) || Now - listedAt < RelistAfter))
            {
                return;
            }

            if (_listing is null || _listing.IsCompleted)
            {
                _listing = ListAsync(_app.Value);
            }

            listing = _listing;
        }

        await listing.WaitAsync(ct);
    }

    /// <summary>The identity the next request on <paramref name="resource"/> goes out with; its budget counts it as in flight until <see cref="RateBudget.End"/>.</summary>
    internal GitHubIdentity Take(string? owner, RateResource resource) => Take(owner, resource, out _);

    /// <summary>As <see cref="Take(string?, RateResource)"/>; <paramref name="spent"/> tells that no identity had budget left (the one returned resets first).</summary>
    internal GitHubIdentity Take(string? owner, RateResource resource, out bool spent)
    {
        lock (_gate)
        {
            var now = Now;
            var candidates = Candidates(owner);
            GitHubIdentity? best = null;
            var bestLeft = long.MinValue;
            foreach (var identity in candidates)
            {
                var budget = identity.Budget(resource);
                if (budget.CanAfford(now) && budget.Left(now) > bestLeft)
                {
                    best = identity;
                    bestLeft = budget.Left(now);
                }
            }

            spent = best is null;
            best ??= candidates.MinBy(i => i.Budget(resource).ResetAt(now) ?? now)!;
            best.Budget(resource).Begin();
            return best;
        }
    }

    /// <summary>
    /// Leaves out a token GitHub rejected (401: revoked or expired) for the rest of the process while another token is
    /// left, and says whether it was: the request goes on with another identity. The last token is kept, so that its
    /// rejection stops the sync with the message that names its key, whatever the owner (an app installation serves its
    /// own accounts only). An app installation's token is minted by Health and renewed before it expires: a 401 there is
    /// the app's problem, not one token's.
    /// </summary>
    internal bool Reject(GitHubIdentity identity)
    {
        if (identity is not TokenIdentity { IsAnonymous: false })
        {
            return false;
        }

        lock (_gate)
        {
            if (!_tokens.Any(t => t != identity && !_rejected.Contains(t)))
            {
                return false;
            }

            if (_rejected.Add(identity))
            {
                LogRejected(_logger, identity.Name, identity.Advice);
            }

            return true;
        }
    }

    /// <summary>When an identity that may serve <paramref name="owner"/> next has <paramref name="resource"/> budget: now, or the earliest reset.</summary>
    internal DateTime NextAvailable(string? owner, RateResource resource)
    {
        lock (_gate)
        {
            var now = Now;
            return Candidates(owner).Min(i => i.Budget(resource).CanAfford(now) ? now : i.Budget(resource).ResetAt(now) ?? now);
        }
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Every token, and the app's installation on the owner's account; else any installation (they read public data too); else none.</summary>
    private List<GitHubIdentity> Candidates(string? owner)
    {
        List<GitHubIdentity> candidates = [.. _tokens.Where(t => !_rejected.Contains(t)), .. _installations.Where(i => owner is null || i.Serves(owner))];
        if (candidates.Count == 0)
        {
            candidates.AddRange(_installations);
        }

        if (candidates.Count == 0)
        {
            candidates.Add(_anonymous);
        }

        return candidates;
    }

    /// <summary>
    /// Lists the app's installations. When that fails and tokens are set, the tokens serve meanwhile (the failure is logged,
    /// and the listing is tried again after <see cref="RelistAfter"/>); with the app alone, the failure is the request's.
    /// </summary>
    private async Task ListAsync(GitHubApp app)
    {
        IReadOnlyList<Installation> found;
        try
        {
            found = await app.ListInstallationsAsync(CancellationToken.None);
        }
        catch (Exception e) when (_tokens.Count > 0)
        {
            LogListingFailed(_logger, app.Id, e.Message, e);
            lock (_gate)
            {
                _listedAt = Now;
            }

            return;
        }

        lock (_gate)
        {
            var known = _installations.ToDictionary(i => i.Installation.Id);
            _installations = [.. found.Select(i => known.TryGetValue(i.Id, out var kept) && kept.Installation == i ? kept : new AppInstallationIdentity(app, i, _time))];
            _listedAt = Now;
        }

        var accounts = string.Join(", ", found.Select(i => i.Account));
        LogInstallations(_logger, app.Id, found.Count, accounts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub rejected the token {Name} (401); it is left out until Health restarts: {Advice}")]
    private static partial void LogRejected(ILogger logger, string name, string advice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the installations of GitHub App {AppId} ({Reason}); the tokens serve meanwhile, and the listing is tried again in 10 minutes")]
    private static partial void LogListingFailed(ILogger logger, long appId, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub App {AppId} is installed on {Count} account(s): {Accounts}")]
    private static partial void LogInstallations(ILogger logger, long appId, int count, string accounts);
}
