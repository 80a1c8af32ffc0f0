using Health.Core.Reports;
using Health.Core.Reports.Delivery;
using Microsoft.Extensions.Options;

namespace Health.Core.Tests.Reports;

/// <summary>The Smtp and Reports sections are checked at start; every problem names its key.</summary>
public sealed class ReportOptionsValidatorTests
{
    [Fact]
    public void Smtp_NoHost_IsValid_EmailIsOff()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions());

        Assert.True(result.Succeeded);
        Assert.False(new SmtpOptions().IsConfigured);
    }

    [Fact]
    public void Smtp_Complete_IsValid() =>
        Assert.True(new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = "smtp.example.org", From = "Health <health@example.org>", Username = "u", Password = "p" }).Succeeded);

    [Fact]
    public void Smtp_EveryProblem_NamesItsKey()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions
        {
            Host = "bad host name!",
            Port = 0,
            Security = (SmtpSecurity)9,
            Username = "health",
            Timeout = TimeSpan.Zero,
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Smtp:Security ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Smtp:Timeout ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Smtp:Host ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Smtp:Port ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Smtp:From ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Smtp:Password is missing", StringComparison.Ordinal) && f.Contains("Smtp__Password", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("health@", StringComparison.Ordinal) && f.Contains("Password", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SmtpSecurity.None, "smtp.example.org", false)]
    [InlineData(SmtpSecurity.Auto, "smtp.example.org", false)]
    [InlineData(SmtpSecurity.Auto, "10.0.0.5", false)]
    [InlineData(SmtpSecurity.StartTls, "smtp.example.org", true)]
    [InlineData(SmtpSecurity.SslOnConnect, "smtp.example.org", true)]
    [InlineData(SmtpSecurity.None, "localhost", true)]
    [InlineData(SmtpSecurity.None, "127.0.0.1", true)]
    public void Smtp_LoginOverAConnectionThatMayStayPlain_RefusedUnlessOnThisMachine(SmtpSecurity security, string host, bool valid)
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = host, Security = security, From = "health@example.org", Username = "health", Password = "pw-never-shown" });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            var failure = Assert.Single(result.Failures!);
            Assert.StartsWith($"Smtp:Security is {security}, which would send Smtp:Password to {host} unencrypted", failure, StringComparison.Ordinal);
            Assert.DoesNotContain("pw-never-shown", failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Smtp_NoLogin_PlainConnectionAllowed() =>
        Assert.True(new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = "smtp.example.org", Security = SmtpSecurity.None, From = "health@example.org" }).Succeeded);

    [Fact]
    public void Smtp_PasswordWithoutUser_Refused()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = "smtp.example.org", From = "health@example.org", Password = "secret-value" });

        Assert.Contains(result.Failures!, f => f.StartsWith("Smtp:Username is missing", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, f => f.Contains("secret-value", StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_OutOfRange_NamesItsKey()
    {
        var result = new ReportsOptionsValidator().Validate(null, new ReportsOptions { WebhookTimeout = TimeSpan.Zero, DeliveryLease = TimeSpan.FromSeconds(1) });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Reports:WebhookTimeout ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Reports:DeliveryLease ", StringComparison.Ordinal));
        Assert.Equal(ValidateOptionsResult.Success, new ReportsOptionsValidator().Validate(null, new ReportsOptions()));
    }
}
