using System.Security.Cryptography;

namespace GitHubSimulator;

/// <summary>The installation tokens minted so far, each valid until its expiry on <see cref="World.Clock"/>. Thread-safe.</summary>
internal sealed class InstallationTokens(World world)
{
    private const string TokenChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstallationGrant> _tokens = new(StringComparer.Ordinal);

    public int Issued
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Count;
            }
        }
    }

    public InstallationGrant Issue(SimulatorApp app, long installationId, string account, TimeSpan lifetime)
    {
        var grant = new InstallationGrant(
            "ghs_" + RandomNumberGenerator.GetString(TokenChars, 36), app.Id, installationId, account, TimeFormat.TruncateToSeconds(world.Now + lifetime));
        lock (_gate)
        {
            _tokens[grant.Token] = grant;
        }

        return grant;
    }

    /// <summary>The grant of a token minted here (expired or not), or null.</summary>
    public InstallationGrant? Find(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_gate)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }
}

/// <summary>An installation token: the app and installation it acts for, and when it stops being accepted.</summary>
internal sealed record InstallationGrant(string Token, long AppId, long InstallationId, string Account, DateTime ExpiresAt)
{
    public bool IsExpired(DateTime now) => now >= ExpiresAt;
}
