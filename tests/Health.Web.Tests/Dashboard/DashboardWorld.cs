using Health.Core;
using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Health.Web.Tests.Dashboard;

/// <summary>
/// A hand-built repository (acme/widgets) in a real SQLite file, written row by row, read back through the app's own
/// Core services with the clock stopped at <see cref="Now"/>; the last successful sync is at <see cref="Now"/> too.
/// </summary>
public sealed class DashboardWorld : IAsyncDisposable
{
    public static readonly DateTime Now = new(2026, 3, 15, 12, 0, 0, DateTimeKind.Utc);



    private readonly IHost _host;
    private readonly string _directory;
    private readonly List<object> _rows = [];
    private long _nextId = 1000;

    private DashboardWorld(IHost host, string directory, int repositoryId, FixedClock clock)
    {
        Clock = clock;
        _host = host;
        _directory = directory;
        RepositoryId = repositoryId;
    }

    public int RepositoryId { get; }

    /// <summary>The services' clock, at <see cref="Now"/> until a test moves it.</summary>
    public FixedClock Clock { get; }

    public DashboardService Dashboard => _host.Services.GetRequiredService<DashboardService>();

    public MetricsService Metrics => _host.Services.GetRequiredService<MetricsService>();

    /// <summary>Records that a sync of the repository finished at <paramref name="at"/> (what makes derived facts stale).</summary>
    public async Task SyncFinishedAsync(DateTime at)
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync();
        await db.SyncStatuses.Where(s => s.RepositoryId == RepositoryId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.FinishedAt, at).SetProperty(x => x.LastSuccessAt, at));
    }

    public static async Task<DashboardWorld> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("health-dashboard-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Health"] = $"Data Source={Path.Combine(directory, "health.db")}" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddHealthCore();
        var clock = new FixedClock(Now);
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync();
        var repo = new TrackedRepository { Owner = "acme", Name = "widgets", FullNameKey = "acme/widgets", GitHubId = 1 };
        db.Repositories.Add(repo);
        await db.SaveChangesAsync();
        db.SyncStatuses.Add(new SyncStatus { RepositoryId = repo.Id, State = SyncState.Idle, LastSuccessAt = Now, FinishedAt = Now });
        await db.SaveChangesAsync();
        return new DashboardWorld(host, directory, repo.Id, clock);
    }

    public static DateTime At(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    /// <summary>An account; a login ending in [bot] or type Bot is a bot, the login ghost a deleted account.</summary>
    public DashboardWorld Account(long id, string login, string type = "User")
    {
        _rows.Add(new Account { Id = id, Login = login, Type = type });
        return this;
    }

    /// <summary>A PR: open unless closed; merged when <paramref name="merged"/> is given (closed at the same time).</summary>
    public DashboardWorld Pr(int number, long? author, DateTime created, DateTime? merged = null, DateTime? closed = null, bool draft = false, string? title = null)
    {
        var closedAt = closed ?? merged;
        _rows.Add(new PullRequest
        {
            Id = ++_nextId, RepositoryId = RepositoryId, Number = number, AuthorId = author, Title = title ?? $"PR {number}",
            State = closedAt is null ? "open" : "closed", Draft = draft, CreatedAt = created, UpdatedAt = closedAt ?? created,
            ClosedAt = closedAt, MergedAt = merged,
        });
        return this;
    }

    public DashboardWorld Review(int pull, long? author, DateTime? submitted, string state = "APPROVED")
    {
        _rows.Add(new Review { Id = ++_nextId, RepositoryId = RepositoryId, PullNumber = pull, AuthorId = author, State = state, SubmittedAt = submitted });
        return this;
    }

    public DashboardWorld Issue(int number, long? author, DateTime created, DateTime? closed = null)
    {
        _rows.Add(new Issue
        {
            Id = ++_nextId, RepositoryId = RepositoryId, Number = number, AuthorId = author, Title = $"Issue {number}",
            State = closed is null ? "open" : "closed", CreatedAt = created, UpdatedAt = closed ?? created, ClosedAt = closed,
        });
        return this;
    }

    /// <summary>A comment in the conversation of issue or PR <paramref name="number"/>.</summary>
    public DashboardWorld Comment(int number, long? author, DateTime created)
    {
        _rows.Add(new IssueComment { Id = ++_nextId, RepositoryId = RepositoryId, Number = number, AuthorId = author, CreatedAt = created, UpdatedAt = created });
        return this;
    }

    /// <summary>Writes the rows added so far; the derived facts (first responses, bot flags) are computed on the first read.</summary>
    /// <summary>Writes the rows made so far, then derives the repository's facts whole, as the views expect them (they never derive).</summary>
    public async Task SaveAsync()
    {
        await using (var db = await _host.Services.GetRequiredService<IDbContextFactory<HealthDb>>().CreateDbContextAsync())
        {
            db.AddRange(_rows);
            await db.SaveChangesAsync();
            await db.DerivedStates.Where(s => s.RepositoryId == RepositoryId).ExecuteUpdateAsync(s => s.SetProperty(x => x.BotRules, "before these rows"));
        }

        _rows.Clear();
        await _host.Services.GetRequiredService<DerivedFacts>().DeriveStaleAsync([RepositoryId], null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder.
        }
    }
}
