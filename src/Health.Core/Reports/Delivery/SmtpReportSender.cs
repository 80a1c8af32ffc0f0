using Health.Core.Storage.Entities;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Health.Core.Reports.Delivery;

/// <summary>
/// Sends a report email through the configured SMTP server with MailKit: one message to all the recipients, after logging
/// in when <c>Smtp:Username</c> is set. The password goes to the server and nowhere else: no error or log names it.
/// </summary>
public sealed class SmtpReportSender(IOptions<SmtpOptions> options)
{
    public async Task SendAsync(ReportRun run, ReportDelivery delivery, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.IsConfigured)
        {
            throw new InvalidOperationException("Smtp:Host is not set, so email cannot be sent: configure the Smtp section.");
        }

        var from = MailboxAddress.Parse(o.From ?? string.Empty);
        var recipients = delivery.Destination.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var message = ReportEmail.Create(run, from, recipients, $"health-report-{run.Id}-{delivery.Id}@{from.Domain}");
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        await client.ConnectAsync(o.Host!.Trim(), o.Port, Security(o.Security), ct);
        if (o.Username is { Length: > 0 } user)
        {
            await AuthenticateAsync(client, o, user, ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>Logs in as <c>Smtp:Username</c>; a refusal says so and names the keys to check, never the password.</summary>
    private static async Task AuthenticateAsync(SmtpClient client, SmtpOptions o, string user, CancellationToken ct)
    {
        var server = $"{o.Host!.Trim()}:{o.Port}";
        try
        {
            await client.AuthenticateAsync(user, o.Password ?? string.Empty, ct);
        }
        catch (AuthenticationException e)
        {
            throw new SmtpAuthenticationException($"SMTP authentication failed: the server {server} refused the credentials of Smtp:Username '{user}' ({e.Message.TrimEnd('.')}). Check Smtp:Username and Smtp:Password.", e);
        }
        catch (NotSupportedException e)
        {
            throw new SmtpAuthenticationException($"SMTP authentication failed: the server {server} offers no way to log in, and Smtp:Username is set ({e.Message.TrimEnd('.')}). Many servers offer it only over TLS: check Smtp:Security, or remove Smtp:Username for a relay that needs no login.", e);
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };
}

/// <summary>The SMTP server did not accept the configured credentials (the message names the user, never the password).</summary>
public sealed class SmtpAuthenticationException(string message, Exception inner) : Exception(message, inner);
