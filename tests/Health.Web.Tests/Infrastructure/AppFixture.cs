using Health.Core.Storage.Entities;
using Health.Web.Tests.Jobs;

namespace Health.Web.Tests.Infrastructure;

/// <summary>
/// One app (<see cref="AppHarness"/> with its own settings) for all the tests of a class, started once: for classes whose tests
/// only read (requests answered or refused, nothing tracked, scheduled or changed), where an app of each test's own bought
/// nothing but a start of a few hundred milliseconds each. A test that needs other settings starts its own harness.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private AppHarness? _app;

    public AppHarness App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    public virtual async Task InitializeAsync() => _app = await AppHarness.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>An <see cref="AppFixture"/> with acme/widgets tracked and synced: for classes whose tests read what one sync stored.</summary>
public sealed class SyncedAppFixture : AppFixture
{
    public const string Repository = "acme/widgets";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var added = await App.Catalog.AddAsync(Repository, CancellationToken.None);
        Assert.True(added.Succeeded, added.Error);
        await SyncJobTests.WaitForStateAsync(App, await App.RepositoryIdAsync(Repository), SyncState.Idle);
    }
}
