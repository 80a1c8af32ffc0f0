using System.Security.Cryptography;
using GitHubSimulator;
using Health.Core.GitHub.Identities;
using Health.Core.GitHub.Sync;
using Health.Core.Tests.Infrastructure;
using Health.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Health.Core.Tests.GitHub.Identities;

/// <summary>Syncs against the simulator over HTTP into a real SQLite file, with a pool of tokens or a GitHub App.</summary>
public class IdentitySyncTests
{
    [Fact]
    public async Task Sync_TwoTokensWithSmallBudgets_BackfillNeedingBoth_CompletesWithoutARateLimitAnswer()
    {
        const int budget = 90;
        await using var h = await SyncHarness.StartAsync(
            simulator: o =>
            {
                o.Tokens = ["test-token-a", "test-token-b"];
                o.BudgetPerToken = true;
                o.RateLimit = budget;
            },
            settings: new Dictionary<string, string?>
            {
                ["GitHub:Mode"] = "Rest",
                ["GitHub:Tokens:0"] = "test-token-a",
                ["GitHub:Tokens:1"] = "test-token-b",
                ["GitHub:MaxRateLimitWait"] = "00:00:00",
            });

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        var log = h.Server.Log.Snapshot();
        Assert.True(log.Count > budget, $"the backfill took {log.Count} requests, more than one token's {budget}");
        Assert.DoesNotContain(log, r => r.Status is 403 or 429);
        Assert.Equal(["token:test-token-a", "token:test-token-b"], log.Select(r => r.Caller).Distinct().Order());
        Assert.All(log.GroupBy(r => r.Caller), g => Assert.True(g.Count() <= budget, $"{g.Key} was asked {g.Count()} times"));
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_TokensSpent_WaitsOrStopsAtTheEarliestReset_AsWithOneToken()
    {
        await using var h = await SyncHarness.StartAsync(
            simulator: o =>
            {
                o.Tokens = ["test-token-a", "test-token-b"];
                o.BudgetPerToken = true;
                o.RateLimit = 40;
            },
            settings: new Dictionary<string, string?>
            {
                ["GitHub:Mode"] = "Rest",
                ["GitHub:Tokens:0"] = "test-token-a",
                ["GitHub:Tokens:1"] = "test-token-b",
                ["GitHub:MaxRateLimitWait"] = "00:00:00",
            });

        var report = await h.SyncAsync();

        Assert.Equal(SyncOutcome.RateLimited, report.Outcome);
        var log = h.Server.Log.Snapshot();
        // Both budgets used up (a request in flight holds its unit until its answer, so a few may be left when the last
        // ones come back 304, which are free); then nothing more is sent: the spent pool answers for GitHub, and the sync
        // stops. (At most one request may meet GitHub's 403 at the very end: GitHub counts a request when it arrives, and
        // an answer that overtakes another can leave the pool one unit optimistic for a moment.)
        Assert.InRange(log.Count(r => r.Status == 200), 70, 80);
        Assert.InRange(log.Count(r => r.Status is 403 or 429), 0, 1);
        Assert.NotNull(report.ResumeAfter);
        Assert.InRange(report.ResumeAfter!.Value, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task Sync_OnlyAGitHubApp_CompletesAndRenewsTheInstallationTokenBeforeItExpires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(SyncHarness.WorldEnd));
        using var key = RSA.Create(2048);
        var keyFile = Path.Combine(Directory.CreateTempSubdirectory("health-app-").FullName, "app.private-key.pem");
        await File.WriteAllTextAsync(keyFile, key.ExportRSAPrivateKeyPem());
        await using var h = await SyncHarness.StartAsync(
            simulator: o =>
            {
                o.Token = "test-token-nobody-has";
                o.Apps.Add(new SimulatorApp { Id = 31, PublicKeyPem = key.ExportSubjectPublicKeyInfoPem(), Installations = { ["acme"] = 9001, ["other-org"] = 9002 } });
            },
            settings: new Dictionary<string, string?> { ["GitHub:App:Id"] = "31", ["GitHub:App:PrivateKeyFile"] = keyFile },
            worldClock: clock,
            clientClock: clock);

        var first = await h.SyncAsync();
        clock.Advance(TimeSpan.FromMinutes(54));
        var second = await h.SyncAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        var third = await h.SyncAsync();

        Assert.True(first.Outcome == SyncOutcome.Succeeded, first.Error);
        Assert.True(first.GraphQLRequests > 0, "an app's installation token collects through GraphQL");
        Assert.True(second.Outcome == SyncOutcome.Succeeded, second.Error);
        Assert.True(third.Outcome == SyncOutcome.Succeeded, third.Error);
        Assert.Equal(2, h.Server.InstallationTokensIssued);
        var log = h.Server.Log.Snapshot();
        Assert.DoesNotContain(log, r => r.Status == 401);
        Assert.All(log.Where(r => !r.PathAndQuery.StartsWith("/app/", StringComparison.Ordinal)), r => Assert.Equal("installation:9001", r.Caller));
        Assert.Equal(1, log.Count(r => r.PathAndQuery.StartsWith("/app/installations?", StringComparison.Ordinal)));
        var installation = Assert.IsType<AppInstallationIdentity>(Assert.Single(h.Service<IdentityPool>().Identities, i => i.Name.Contains("9001", StringComparison.Ordinal)));
        Assert.Equal(2, installation.Minted);
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_OneOfTwoTokensRevoked_TheOtherServes_TheRevokedOneIsLeftOut()
    {
        await using var h = await SyncHarness.StartAsync(
            simulator: o => o.Tokens = ["test-token-a"],
            settings: new Dictionary<string, string?>
            {
                ["GitHub:Mode"] = "Rest",
                ["GitHub:Tokens:0"] = "test-token-revoked",
                ["GitHub:Tokens:1"] = "test-token-a",
            });

        var first = await h.SyncAsync();
        var rejectedFirst = h.Server.Log.Snapshot().Count(r => r.Status == 401);
        var second = await h.SyncAsync();

        Assert.True(first.Outcome == SyncOutcome.Succeeded, first.Error);
        Assert.True(second.Outcome == SyncOutcome.Succeeded, second.Error);
        // Only the requests already under way when GitHub first said 401 went out with the revoked token; none since.
        Assert.InRange(rejectedFirst, 1, 2 * h.Service<Microsoft.Extensions.Options.IOptions<Health.Core.GitHub.GitHubOptions>>().Value.Concurrency);
        Assert.Equal(rejectedFirst, h.Server.Log.Snapshot().Count(r => r.Status == 401));
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }

    [Fact]
    public async Task Sync_TheOnlyTokenRevoked_FailsNamingItsKey()
    {
        await using var h = await SyncHarness.StartAsync(
            simulator: o => o.Tokens = ["test-token-a"],
            settings: new Dictionary<string, string?> { ["GitHub:Mode"] = "Rest", ["GitHub:Tokens:0"] = "test-token-revoked" });

        var e = await Assert.ThrowsAsync<Health.Core.GitHub.GitHubAccessException>(() => h.SyncAsync());

        Assert.Contains("GitHub:Tokens:0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_AppsInstallationsCannotBeListed_TheTokenServesMeanwhile()
    {
        using var key = RSA.Create(2048);
        using var otherKey = RSA.Create(2048);
        var keyFile = Path.Combine(Directory.CreateTempSubdirectory("health-app-").FullName, "app.private-key.pem");
        await File.WriteAllTextAsync(keyFile, key.ExportRSAPrivateKeyPem());
        await using var h = await SyncHarness.StartAsync(
            simulator: o =>
            {
                o.Token = "test-token-a";
                o.Apps.Add(new SimulatorApp { Id = 31, PublicKeyPem = otherKey.ExportSubjectPublicKeyInfoPem(), Installations = { ["acme"] = 9001 } });
            },
            settings: new Dictionary<string, string?>
            {
                ["GitHub:Token"] = "test-token-a",
                ["GitHub:App:Id"] = "31",
                ["GitHub:App:PrivateKeyFile"] = keyFile, // not the key GitHub knows for app 31: its JWT is refused
            });

        var report = await h.SyncAsync();

        Assert.True(report.Outcome == SyncOutcome.Succeeded, report.Error);
        var log = h.Server.Log.Snapshot();
        Assert.Equal(1, log.Count(r => r.PathAndQuery.StartsWith("/app/installations", StringComparison.Ordinal))); // tried once, not per request
        Assert.All(log.Where(r => !r.PathAndQuery.StartsWith("/app/", StringComparison.Ordinal)), r => Assert.Equal("token:test-token-a", r.Caller));
        await using var db = h.NewDb();
        await WorldAssert.DatabaseEqualsWorldAsync(db, h.World, h.Repo);
    }
}
