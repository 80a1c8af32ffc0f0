using System.Net.Http.Headers;

namespace Health.Core.GitHub.Identities;

/// <summary>
/// A GitHub App's installation on one account: requests carry an installation token, minted when first needed and
/// renewed once less than <see cref="RenewBefore"/> of its hour remains (one mint at a time, whoever asks).
/// </summary>
internal sealed class AppInstallationIdentity(GitHubApp app, Installation installation, TimeProvider time)
    : GitHubIdentity($"GitHub:App installation {installation.Id} ({installation.Account})")
{
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private InstallationToken? _token;
    private Task<InstallationToken>? _minting;
    private int _minted;

    public Installation Installation => installation;

    /// <summary>How many tokens were minted for it so far.</summary>
    public int Minted => Volatile.Read(ref _minted);

    public override string Label => $"the GitHub App's installation token for {installation.Account}";

    public override string Advice => $"check that the GitHub App (GitHub:App:Id {app.Id}) is still installed on {installation.Account} and may read its repositories";

    public bool Serves(string owner) => string.Equals(installation.Account, owner, StringComparison.OrdinalIgnoreCase);

    public override async ValueTask<AuthenticationHeaderValue?> AuthorizationAsync(CancellationToken ct)
    {
        Task<InstallationToken> pending;
        lock (_gate)
        {
            if (_token is { } token && token.ExpiresAt - time.GetUtcNow().UtcDateTime >= RenewBefore)
            {
                return new AuthenticationHeaderValue("Bearer", token.Token);
            }

            if (_minting is null || _minting.IsCompleted)
            {
                _minting = MintAsync();
            }

            pending = _minting;
        }

        return new AuthenticationHeaderValue("Bearer", (await pending.WaitAsync(ct)).Token);
    }

    /// <summary>Not cancelled by the request that started it: others may be waiting for the same token.</summary>
    private async Task<InstallationToken> MintAsync()
    {
        var token = await app.MintAsync(installation.Id, CancellationToken.None);
        lock (_gate)
        {
            _token = token;
        }

        Interlocked.Increment(ref _minted);
        return token;
    }
}
