using Bunit;
using Health.Core;
using Health.Core.Storage;
using Health.Web.Components;
using Health.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Health.Web.Tests.Components.Pages;

/// <summary>
/// A bUnit context, interactive, with the app's Core services over an empty, migrated SQLite file; the database can be
/// made busy (<see cref="Database"/>), the clock is a <see cref="FakeTimeProvider"/> (the live refresh ticks only when a
/// test advances it), and every log entry is kept (<see cref="Logs"/>).
/// </summary>
public sealed class LivePageContext : BunitContext
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly string _directory = Directory.CreateTempSubdirectory("health-live-").FullName;

    public LivePageContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddBunitPersistentComponentState();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Health"] = $"Data Source={Path.Combine(_directory, "health.db")}",
        });
        builder.AddHealthCore();
        Logs.AddTo(builder.Logging);
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
        builder.Services.Replace(ServiceDescriptor.Singleton<IDbContextFactory<HealthDb>>(s => Database = new BusyDatabase(s.GetRequiredService<DbContextOptions<HealthDb>>())));
        builder.Services.AddSingleton(Options.Create(new DashboardOptions { RefreshInterval = Interval }));
        foreach (var service in builder.Services)
        {
            Services.Add(service);
        }

        Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 15, 12, 0, 0, TimeSpan.Zero));

    public CapturedLogs Logs { get; } = new();

    public BusyDatabase Database { get; private set; } = default!;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder.
        }
    }

    /// <summary>The app's context factory, answering "database is locked" (SQLITE_BUSY) while <see cref="Busy"/>; counts what it opens.</summary>
    public sealed class BusyDatabase(DbContextOptions<HealthDb> options) : IDbContextFactory<HealthDb>
    {
        private int _opened;

        public bool Busy { get; set; }

        /// <summary>The contexts asked for so far, refused ones included.</summary>
        public int Opened => Volatile.Read(ref _opened);

        public HealthDb CreateDbContext()
        {
            Interlocked.Increment(ref _opened);
            return Busy ? throw new SqliteException("database is locked", 5) : new HealthDb(options);
        }
    }
}
