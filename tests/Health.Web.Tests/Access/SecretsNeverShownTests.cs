using Health.Core.Storage.Entities;
using Health.Web.Tests.Infrastructure;
using Health.Web.Tests.Reports;

namespace Health.Web.Tests.Access;

/// <summary>
/// A sync, a GitHub sign-in and a report by email (with an SMTP login) and webhook, with a known GitHub token, OAuth client
/// secret and SMTP password: none of them appears in any log line (every level, every category), any page, or anywhere in
/// the databases' files (stored errors, job arguments, anything else).
/// </summary>
public sealed class SecretsNeverShownTests
{
    private const string Token = "test-token-never-shown-4f1e8c2b7a0d9e3f5a6b";
    private const string ClientSecret = "cs-7b2d-never-shown-4e91-client-secret";
    private const string SmtpUser = "health-reports";
    private const string SmtpPassword = "pw-5c3a-never-shown-0d7e";

    [Fact]
    public async Task SyncSignInAndReport_NoSecretInLogsPagesOrStorage()
    {
        var logs = new CapturedLogs();
        await using var h = await ReportsHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["GitHub:Token"] = Token,
                ["Access:Mode"] = "GitHub",
                ["Access:GitHub:ClientId"] = "health-client-id",
                ["Access:GitHub:ClientSecret"] = ClientSecret,
                ["Access:Operators:0"] = "acme/maintainers",
                ["Smtp:Username"] = SmtpUser,
                ["Smtp:Password"] = SmtpPassword,
                ["Logging:LogLevel:Default"] = "Trace",
            },
            smtpLogin: (SmtpUser, SmtpPassword),
            configure: logs.AddTo);
        h.App.Server.Options.OAuthClientSecret = ClientSecret;
        var maintainer = GitHubSignInTests.Account(h.App, 0);
        h.App.World.AddTeamMember("acme", "maintainers", maintainer);

        using var client = GitHubSignInClient.Anonymous(h.App.BaseUri);
        await GitHubSignInClient.SignInAsync(client, h.App.Server, maintainer);
        var id = await h.CreateScheduleAsync();
        h.Trigger(id);
        await h.WaitForDeliveriesAsync(id, d => d.Count == 2 && d.All(x => x.State == DeliveryState.Delivered), "the report to be delivered by email and webhook");
        Assert.Equal([(SmtpUser, true)], h.Smtp.Logins);

        var seen = new List<(string Where, string Text)>();
        foreach (var path in (string[])["/", "/repositories", "/reports", "/compare", "/repos/acme/widgets", "/health", "/jobs", "/jobs/recurring", "/jobs/jobs/succeeded"])
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            seen.Add(($"page {path}", await response.Content.ReadAsStringAsync()));
        }

        await h.App.StopAsync(); // closes the databases, so their files hold everything written
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(h.App.Directory))
        {
            try
            {
                seen.Add(($"file {Path.GetFileName(file)}", System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file))));
            }
            catch (FileNotFoundException)
            {
                // A write-ahead log checkpointed into its database and removed as the last connection closed.
            }
        }

        Assert.Contains(seen, s => s.Where == "file health.db");

        seen.AddRange(logs.Entries.Select(e => ("log", e)));
        Assert.Contains(seen, s => s.Where == "log" && s.Text.Contains("signed in with GitHub as operator", StringComparison.Ordinal));
        foreach (var secret in (string[])[Token, ClientSecret, SmtpPassword])
        {
            var found = seen.Where(s => s.Text.Contains(secret, StringComparison.Ordinal)).Select(s => s.Where).ToList();
            Assert.True(found.Count == 0, $"{secret[..6]}… appears in: {string.Join(", ", found.Distinct())}");
        }
    }
}
