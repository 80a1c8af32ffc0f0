using System.Net;
using System.Text.Json;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Testing;
using Health.Web.Jobs;
using Health.Web.Tests.Infrastructure;
using Health.Web.Tests.Jobs;

namespace Health.Web.Tests.Hosting;

/// <summary><c>Health:Roles</c> on PostgreSQL: a <c>web</c> process serves pages and enqueues, runs no job; a <c>worker</c> runs jobs and answers <c>/health</c> only.</summary>
public sealed class RolesTests
{
    [Fact]
    public async Task WebOnly_ServesPagesAndEnqueues_TheJobRunsWhenAWorkerStarts()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var web = await AppHarness.StartAsync(settings: Settings(database, "web"));
        using (var client = web.CreateClient())
        {
            foreach (var path in new[] { "/", "/repositories", "/jobs" })
            {
                using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: {page.StatusCode}");
            }
        }

        Assert.Null((await web.Catalog.AddAsync("acme/widgets", CancellationToken.None)).Error);
        var id = await web.RepositoryIdAsync("acme/widgets");
        var monitoring = web.Jobs.GetMonitoringApi();
        Assert.Empty(monitoring.Servers());
        var sync = Assert.Single(monitoring.EnqueuedJobs("default", 0, 100), j => j.Value.Job.Type == typeof(SyncJob) && (int)j.Value.Job.Args[0] == id);
        Assert.Contains(HangfireSyncScheduler.RecurringId(id), web.RecurringJobIds());
        await using (var db = web.NewDb())
        {
            Assert.Empty(db.PullRequests);
        }

        var worker = new Dictionary<string, string?>(Settings(database, "worker")) { ["GitHub:ApiUrl"] = web.Server.BaseUri.ToString() };
        await using var workerApp = await AppHarness.StartAsync(settings: worker);

        await SyncJobTests.WaitForStateAsync(web, id, SyncState.Idle);
        await web.AssertDatabaseEqualsWorldAsync(web.Repo);
        await Eventually.TrueAsync(() => monitoring.JobDetails(sync.Key).History.Any(h => h.StateName == "Succeeded"), "the sync job to succeed on the worker");
        Assert.Single(monitoring.Servers());
        Assert.Single(monitoring.JobDetails(sync.Key).History, h => h.StateName == "Processing");
    }

    [Fact]
    public async Task WorkerOnly_AnswersHealth_EverythingElseIsNotFound()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var worker = await AppHarness.StartAsync(settings: Settings(database, "worker"));
        using var client = worker.CreateClient();

        using (var health = await client.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
            var jobs = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "jobs");
            Assert.Equal(1, jobs.GetProperty("data").GetProperty("servers").GetInt32());
        }

        foreach (var path in new[] { "/", "/repositories", "/jobs", "/compare", "/export/prs.csv?repo=acme/widgets", "/signin" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }
    }

    private static Dictionary<string, string?> Settings(TestDatabase database, string role) => new(database.Settings)
    {
        ["Health:Roles:0"] = role,
    };
}
