using Health.Core.Storage.Entities;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Health.Core.Reports.Delivery;

/// <summary>Sends a report email through the configured SMTP server with MailKit: one message to all the recipients.</summary>
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
        if (!string.IsNullOrEmpty(o.Username))
        {
            await client.AuthenticateAsync(o.Username, o.Password ?? string.Empty, ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };
}
