using Bunit;
using Health.Core.Storage.Entities;
using Health.Testing;
using Health.Web.Components.Pages.Reports;
using Health.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Health.Web.Tests.Reports;

/// <summary>
/// Email through an SMTP server that requires a login: the app logs in with <c>Smtp:Username</c> and <c>Smtp:Password</c>;
/// a password the server refuses ends in a visible failed delivery that names the problem, and never in the password.
/// </summary>
[Collection(SmtpLoginCollection.Name)]
public sealed class SmtpLoginTests(SmtpLoginFixture fixture) : IClassFixture<SmtpLoginFixture>
{
    private readonly ReportsHarness _h = fixture.Harness;

    [Fact]
    public async Task Deliver_SmtpCredentialsConfigured_LogsInThenSends()
    {
        _h.Reset();
        _h.Smtp.Password = SmtpLoginFixture.Password;
        var id = await _h.CreateScheduleAsync(webhook: false);

        var (runId, error) = await _h.Reports.SendTestAsync(id, CancellationToken.None);

        Assert.True(runId is not null, error);
        await _h.WaitForDeliveriesAsync(id, d => d.Count == 1 && d[0].State == DeliveryState.Delivered, "the email to be delivered after logging in");
        var email = Assert.Single(Assert.Single(await _h.RunsAsync(id)).Deliveries);
        Assert.Equal(1, email.Attempts);
        Assert.Equal([(SmtpLoginFixture.User, true)], _h.Smtp.Logins);
        Assert.Equal([SmtpLoginFixture.User], _h.Smtp.ReceivedAs);
        Assert.Equal(["maintainers@example.org", "second@example.org"], Assert.Single(_h.Smtp.Received).Envelope);
    }

    [Fact]
    public async Task Deliver_PasswordRefusedByServer_FailedWithTheAuthenticationProblem_PasswordNeverShownOrLogged()
    {
        _h.Reset();
        _h.Smtp.Password = "rotated-on-the-server"; // the app still has the old one
        var id = await _h.CreateScheduleAsync(webhook: false);

        var (runId, error) = await _h.Reports.SendTestAsync(id, CancellationToken.None);

        Assert.True(runId is not null, error);
        await _h.WaitForDeliveriesAsync(id, d => d.Count == 1 && d[0].State == DeliveryState.Failed, "the email delivery to end failed");
        var email = Assert.Single(Assert.Single(await _h.RunsAsync(id)).Deliveries);
        Assert.Equal(2, email.Attempts); // Jobs:Retries = 1
        Assert.StartsWith($"SMTP authentication failed: the server 127.0.0.1:{_h.Smtp.Port} refused the credentials of Smtp:Username '{SmtpLoginFixture.User}' (", email.LastError, StringComparison.Ordinal);
        Assert.EndsWith("Check Smtp:Username and Smtp:Password.", email.LastError, StringComparison.Ordinal);
        Assert.NotEmpty(_h.Smtp.Logins); // MailKit tries each mechanism the server offers (PLAIN, LOGIN) on each attempt
        Assert.All(_h.Smtp.Logins, login => Assert.Equal((SmtpLoginFixture.User, false), login));
        Assert.Empty(_h.Smtp.Received);

        // Visible on the reports page, with the message.
        string markup;
        using (var scope = _h.App.Services.CreateScope())
        await using (var ctx = ReportsPageTests.Context(scope))
        {
            var page = ctx.Render<ReportsPage>();
            page.WaitForAssertion(() =>
            {
                var failed = page.Find($"tr[data-run='{runId}'] [data-channel=email][data-state=failed]");
                Assert.Contains("after 2 attempts: SMTP authentication failed", failed.TextContent, StringComparison.Ordinal);
            });
            markup = page.Markup;
        }

        // The password is in none of what a person or a log file could see: the stored error, the page, the failed job in
        // /jobs (its exception with the inner ones), and every log entry the app wrote at any level since it started.
        var job = await FailedDeliveryJobAsync(runId.Value);
        Assert.Contains("SMTP authentication failed", job.ExceptionMessage, StringComparison.Ordinal);
        Assert.Contains(fixture.Logs.Entries, e => e.Contains("SMTP authentication failed", StringComparison.Ordinal));
        string[] seen = [email.LastError!, markup, job.ExceptionMessage, job.ExceptionDetails, .. fixture.Logs.Entries];
        Assert.All(seen, text => Assert.DoesNotContain(SmtpLoginFixture.Password, text, StringComparison.Ordinal));
    }

    /// <summary>The delivery job of the run, once Hangfire has marked it failed.</summary>
    private async Task<Hangfire.Storage.Monitoring.FailedJobDto> FailedDeliveryJobAsync(int runId)
    {
        Hangfire.Storage.Monitoring.FailedJobDto? job = null;
        await Eventually.TrueAsync(
            () =>
            {
                job = _h.App.Jobs.GetMonitoringApi().FailedJobs(0, 100).Select(j => j.Value)
                    .FirstOrDefault(j => j.Job is { Method.Name: "DeliverAsync" } && j.Job.Args[0] is int id && id == runId);
                return job is not null;
            },
            "the delivery job to end failed in /jobs",
            TimeSpan.FromSeconds(30));
        return job!;
    }
}

/// <summary>The app with an SMTP server that requires a login, one retry of a failed job, and every log entry kept.</summary>
public sealed class SmtpLoginFixture : IAsyncLifetime
{
    public const string User = "health-reports";

    public const string Password = "pw-4f1e-never-logged-9c2b";

    private ReportsHarness? _harness;

    public CapturedLogs Logs { get; } = new();

    internal ReportsHarness Harness => _harness ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _harness = await ReportsHarness.StartAsync(
        new Dictionary<string, string?> { ["Smtp:Username"] = User, ["Smtp:Password"] = Password, ["Jobs:Retries"] = "1" },
        smtpLogin: (User, Password),
        configure: Logs.AddTo);

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}

/// <summary>
/// Runs the login tests alone: Hangfire's log provider is process-wide (the app routes it to the logger factory of the app
/// that started last), so only with no other app running beside them do Hangfire's own log lines reach these tests' capture.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SmtpLoginCollection
{
    public const string Name = "SMTP login, alone";
}
