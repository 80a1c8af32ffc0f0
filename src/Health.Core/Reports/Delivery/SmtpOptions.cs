namespace Health.Core.Reports.Delivery;

/// <summary>
/// The SMTP server that sends report emails (section <c>Smtp</c>). Without a <see cref="Host"/> email is off: only
/// schedules with email recipients need it. The password comes from configuration or the environment (<c>Smtp__Password</c>)
/// and is never logged.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Health &lt;health@example.org&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>How long one SMTP operation (connect, authenticate, send) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether emails can be sent at all.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a relay on this machine or a private network only).</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>MailKit decides: TLS on connect for port 465, else STARTTLS when the server offers it.</summary>
    Auto,
}
