using MimeKit;
using Microsoft.Extensions.Options;

namespace Health.Core.Reports.Delivery;

/// <summary>Collects every problem of the <c>Smtp</c> section at start-up, each naming the key to set.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var s = SmtpOptions.Section;
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Security))
        {
            problems.Add($"{s}:Security must be None, StartTls, SslOnConnect or Auto.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{s}:Timeout must be more than 0 and at most 00:10:00 (it is {options.Timeout}).");
        }

        if (!options.IsConfigured)
        {
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }

        if (Uri.CheckHostName(options.Host!.Trim()) == UriHostNameType.Unknown)
        {
            problems.Add($"{s}:Host '{options.Host}' is not a host name or IP address.");
        }

        if (options.Port is < 1 or > 65535)
        {
            problems.Add($"{s}:Port must be between 1 and 65535 (it is {options.Port}).");
        }

        if (string.IsNullOrWhiteSpace(options.From) || !MailboxAddress.TryParse(options.From, out var from) || !Recipients.IsAddress(from.Address))
        {
            problems.Add($"{s}:From must be the sender's address, e.g. 'Health <health@example.org>' (it is '{options.From}').");
        }

        var hasUser = !string.IsNullOrEmpty(options.Username);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasUser != hasPassword)
        {
            problems.Add(hasUser
                ? $"{s}:Password is missing for {s}:Username (set it through the environment, Smtp__Password)."
                : $"{s}:Username is missing: {s}:Password is set without a user name.");
        }

        // A login over a connection that may stay unencrypted sends the password in clear (Auto falls back to plain SMTP
        // when the server offers no STARTTLS); only a server on this machine may be reached so.
        if (hasUser && options.Security is SmtpSecurity.None or SmtpSecurity.Auto && !IsLoopback(options.Host!.Trim()))
        {
            problems.Add($"{s}:Security is {options.Security}, which would send {s}:Password to {options.Host} unencrypted: use StartTls or SslOnConnect (a server on this machine, localhost, may use None).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
}
