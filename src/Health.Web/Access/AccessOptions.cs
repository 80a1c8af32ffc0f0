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
}

public enum AccessMode
{
    /// <summary>Requests from this machine (a loopback socket, a loopback host name, no proxy) may manage; the default.</summary>
    Local,

    /// <summary>The browser asks for <see cref="AccessOptions.Password"/> (HTTP Basic; HTTPS outside loopback).</summary>
    Password,

    /// <summary>Everyone who reaches the app may manage: for a reverse proxy that authenticates, or a private network.</summary>
    Anyone,
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
            case AccessMode.Local or AccessMode.Password or AccessMode.Anyone:
                break;
            default:
                failures.Add($"{AccessOptions.Section}:Mode must be Local, Password or Anyone.");
                break;
        }

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
