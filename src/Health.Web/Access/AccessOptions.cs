using Microsoft.Extensions.Options;

namespace Health.Web.Access;

/// <summary><c>Access</c>: who may manage Health, and where it is served.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    public AccessMode Mode { get; set; } = AccessMode.Local;

    /// <summary>For <see cref="AccessMode.Password"/>: the password (any user name) asked by the browser; set it through the environment (<c>Access__Password</c>).</summary>
    public string? Password { get; set; }

    /// <summary>For <see cref="AccessMode.Password"/>: accept the password over plain HTTP from another machine (it then crosses the network in clear).</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The address people use to reach the app, e.g. <c>https://health.example.org/</c>: its host is allowed besides the
    /// loopback names (<c>AllowedHosts</c>), and its origin may drive the pages.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>Failed password attempts from one client before it must wait; each further failure doubles the wait.</summary>
    public int PasswordAttempts { get; set; } = 5;

    /// <summary>The first wait after <see cref="PasswordAttempts"/> failures; it doubles with each failure after, up to an hour.</summary>
    public TimeSpan PasswordLockout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>CSV downloads (exports, chart CSVs) and badges one client may ask for in a minute; 429 beyond.</summary>
    public int DownloadsPerMinute { get; set; } = 60;

    /// <summary>Downloads computed at once; more wait in a queue.</summary>
    public int ConcurrentDownloads { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Who may read the dashboards, exports and charts: <c>public</c> (anyone; the default), <c>signed-in</c> (anyone signed
    /// in with GitHub), <c>operators</c> (operators only), or GitHub logins, organisations and <c>org/team</c>s
    /// (<see cref="AccessMode.GitHub"/> only). None given: <c>public</c>. Private repositories are never shown to a reader
    /// who is not an operator and whom GitHub does not let read them.
    /// </summary>
    public List<string> Readers { get; set; } = [];

    /// <summary>For <see cref="AccessMode.GitHub"/>: the logins, organisations and <c>org/team</c>s that manage Health.</summary>
    public List<string> Operators { get; set; } = [];

    /// <summary>For <see cref="AccessMode.GitHub"/>: the OAuth app (<c>Access:GitHub:ClientId</c>, <c>Access:GitHub:ClientSecret</c>).</summary>
    public GitHubSignInOptions GitHub { get; set; } = new();

    /// <summary>The readers, <c>public</c> when none are given (a bound list cannot have a default: binding appends to it).</summary>
    public IReadOnlyList<string> EffectiveReaders => Readers.Count == 0 ? [AccessLists.Public] : Readers;

    /// <summary>Anyone may read (<c>public</c> among the readers).</summary>
    public bool PublicRead => EffectiveReaders.Any(r => string.Equals(r.Trim(), AccessLists.Public, StringComparison.OrdinalIgnoreCase));
}

/// <summary><c>Access:GitHub</c>: the GitHub OAuth app people sign in through.</summary>
public sealed class GitHubSignInOptions
{
    public string? ClientId { get; set; }

    /// <summary>Set it through the environment (<c>Access__GitHub__ClientSecret</c>); never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How long a sign-in (and the memberships and private repositories checked at it) holds before it is checked again.</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromHours(1);
}

public enum AccessMode
{
    /// <summary>Requests from this machine (a loopback socket, a loopback host name, no proxy) may manage; the default.</summary>
    Local,

    /// <summary>The browser asks for <see cref="AccessOptions.Password"/> (HTTP Basic; HTTPS outside loopback).</summary>
    Password,

    /// <summary>Everyone who reaches the app may manage: for a reverse proxy that authenticates, or a private network.</summary>
    Anyone,

    /// <summary>People sign in with GitHub (an OAuth app); <see cref="AccessOptions.Operators"/> manage, <see cref="AccessOptions.Readers"/> read.</summary>
    GitHub,
}

internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var failures = new List<string>();
        switch (options.Mode)
        {
            case AccessMode.Password when string.IsNullOrWhiteSpace(options.Password) || options.Password.Length < 12:
                failures.Add($"{AccessOptions.Section}:Password must be set (at least 12 characters, e.g. through the environment variable Access__Password) when {AccessOptions.Section}:Mode is Password.");
                break;
            case AccessMode.GitHub:
                if (string.IsNullOrWhiteSpace(options.GitHub.ClientId) || string.IsNullOrWhiteSpace(options.GitHub.ClientSecret))
                {
                    failures.Add($"{AccessOptions.Section}:GitHub:ClientId and {AccessOptions.Section}:GitHub:ClientSecret must be set (a GitHub OAuth app whose callback URL is https://YOUR-HOST/signin-github; the secret through the environment, Access__GitHub__ClientSecret) when {AccessOptions.Section}:Mode is GitHub.");
                }

                if (options.Operators.Count == 0)
                {
                    failures.Add($"{AccessOptions.Section}:Operators must name at least one GitHub login, organisation or org/team when {AccessOptions.Section}:Mode is GitHub (e.g. Access__Operators__0=my-org/maintainers).");
                }

                if (options.GitHub.SignInLifetime < TimeSpan.FromMinutes(1) || options.GitHub.SignInLifetime > TimeSpan.FromDays(30))
                {
                    failures.Add($"{AccessOptions.Section}:GitHub:SignInLifetime must be between 00:01:00 and 30.00:00:00.");
                }

                break;
            case AccessMode.Local or AccessMode.Password or AccessMode.Anyone:
                if (options.Operators.Count > 0)
                {
                    failures.Add($"{AccessOptions.Section}:Operators names GitHub accounts, which only {AccessOptions.Section}:Mode GitHub signs in; in {options.Mode} mode operators are {(options.Mode == AccessMode.Local ? "requests from this machine" : options.Mode == AccessMode.Password ? "those with the password" : "everyone")}.");
                }

                if (options.EffectiveReaders.Any(r => !AccessLists.IsKeyword(r, AccessLists.Public) && !AccessLists.IsKeyword(r, AccessLists.OperatorsOnly)))
                {
                    failures.Add($"{AccessOptions.Section}:Readers may only be 'public' or 'operators' unless {AccessOptions.Section}:Mode is GitHub, which signs people in.");
                }

                break;
            default:
                failures.Add($"{AccessOptions.Section}:Mode must be Local, Password, Anyone or GitHub.");
                break;
        }

        failures.AddRange(AccessLists.Problems(options.Operators, $"{AccessOptions.Section}:Operators", readers: false));
        failures.AddRange(AccessLists.Problems(options.EffectiveReaders, $"{AccessOptions.Section}:Readers", readers: true));

        if (options.PublicUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host)))
        {
            failures.Add($"{AccessOptions.Section}:PublicUrl must be an absolute http or https address, e.g. https://health.example.org/.");
        }

        if (options.PasswordAttempts is < 1 or > 100)
        {
            failures.Add($"{AccessOptions.Section}:PasswordAttempts must be between 1 and 100.");
        }

        if (options.PasswordLockout < TimeSpan.FromSeconds(1) || options.PasswordLockout > TimeSpan.FromHours(1))
        {
            failures.Add($"{AccessOptions.Section}:PasswordLockout must be between 00:00:01 and 01:00:00.");
        }

        if (options.DownloadsPerMinute is < 1 or > 100_000)
        {
            failures.Add($"{AccessOptions.Section}:DownloadsPerMinute must be between 1 and 100000.");
        }

        if (options.ConcurrentDownloads is < 1 or > 256)
        {
            failures.Add($"{AccessOptions.Section}:ConcurrentDownloads must be between 1 and 256.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
