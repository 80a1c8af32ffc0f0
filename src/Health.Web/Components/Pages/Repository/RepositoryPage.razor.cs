using Health.Web.Access;
using Health.Web.Components.Charts;
using Microsoft.AspNetCore.Components.Authorization;
using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Components.Pages.Repository;

/// <summary>
/// One repository's health: charts of METRICS.md's figures and a few more, each with a table and a CSV, and the lists
/// that invite action. The filters live in the query string, so a link reproduces the view. While open, the page
/// reads the sync state every <see cref="DashboardOptions.RefreshInterval"/>, and reloads its figures when a sync finishes.
/// </summary>
public sealed partial class RepositoryPage : ComponentBase, IDisposable
{
    internal const string SnapshotKey = "repository-page";
    private readonly CancellationTokenSource _closed = new();
    private PersistingComponentStateSubscription _persisting;
    private bool _notFound;
    private TrackedRepository? _repo;
    private RepositoryView? _view;
    private SyncStatus? _status;
    private DateTime? _loadedFinishedAt;
    private IReadOnlyList<DashboardChart>? _charts;
    private ActionLists? _lists;
    private string? _error;
    private string _formPeriod = "month";
    private DateOnly _formFrom;
    private DateOnly _formTo;
    private bool _formBots;

    [Parameter]
    public string Owner { get; set; } = string.Empty;

    [Parameter]
    public string Name { get; set; } = string.Empty;

    [SupplyParameterFromQuery(Name = "period")]
    public string? PeriodText { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromText { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToText { get; set; }

    [SupplyParameterFromQuery(Name = "bots")]
    public string? BotsText { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    [Inject]
    private IDbContextFactory<HealthDb> DbFactory { get; set; } = default!;

    [Inject]
    private MetricsService Metrics { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<IntakeOptions> Intake { get; set; } = default!;

    [Inject]
    private DashboardService Dashboard { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<RepositoryPage> Logger { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private PersistentComponentState PersistentState { get; set; } = default!;

    public void Dispose()
    {
        _persisting.Dispose();
        _closed.Cancel();
        _closed.Dispose();
    }

    protected override void OnInitialized() =>
        _persisting = PersistentState.RegisterOnPersisting(() =>
        {
            PersistentState.PersistAsJson(SnapshotKey, SnapshotHandoff.Put(new PageSnapshot(Navigation.Uri, _repo, _status, _charts, _lists), Time));
            return Task.CompletedTask;
        });

    protected override async Task OnParametersSetAsync()
    {
        _view = RepositoryView.Parse(PeriodText, FromText, ToText, BotsText, Now);
        _formPeriod = RepositoryView.Unit(_view.Period);
        (_formFrom, _formTo, _formBots) = (_view.From, _view.To, _view.Bots);
        if (PersistentState.TryTakeFromJson<string>(SnapshotKey, out var token) && SnapshotHandoff.Take(token) is { } snapshot && snapshot.Address == Navigation.Uri)
        {
            // The prerendered page's content: shown as it was, without reading it again.
            (_repo, _status, _charts, _lists) = (snapshot.Repository, snapshot.Status, snapshot.Charts, snapshot.Lists);
            (_notFound, _loadedFinishedAt) = (_repo is null, _status?.FinishedAt);
            return;
        }

        _repo = await RepositoryLookup.FindAsync(DbFactory, Owner, Name, await AccessClaims.VisibilityAsync(AuthState), _closed.Token);
        _notFound = _repo is null;
        if (_repo is not null)
        {
            _status = await StatusAsync();
            await LoadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _ = RefreshAsync(_closed.Token);
        }
    }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>Reads the figures of the current view; a failure is shown on the page rather than breaking it.</summary>
    private async Task LoadAsync()
    {
        if (_repo is not { } repo || _view is not { } view)
        {
            return;
        }

        try
        {
            _loadedFinishedAt = _status?.FinishedAt;
            _charts = await RepositoryCharts.LoadAsync(Metrics, Dashboard, repo.Id, repo.FullName, view, Intake.Value.ResponseTarget, _closed.Token);
            _lists = await Dashboard.ActionListsAsync(repo.Id, view.Period, view.From, view.To, _closed.Token);
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = $"The figures could not be read: {e.Message}";
        }
    }

    private async Task<SyncStatus?> StatusAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync(_closed.Token);
        return await db.SyncStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.RepositoryId == _repo!.Id, _closed.Token);
    }

    private Task RefreshAsync(CancellationToken ct) =>
        LiveRefresh.RunAsync(Options.Value.RefreshInterval, Time, async () =>
        {
            if (_repo is null)
            {
                return;
            }

            _status = await StatusAsync();
            if (_status?.FinishedAt != _loadedFinishedAt && _status?.State != SyncState.Running)
            {
                await LoadAsync();
            }

            await InvokeAsync(StateHasChanged);
        }, Logger, ct);

    /// <summary>Switching the period while the range is still the default moves it to the new period's default range.</summary>
    private void PeriodChanged() =>
        (_formFrom, _formTo) = RepositoryView.RangeAfterSwitch(_formPeriod == "week" ? PeriodKind.Week : PeriodKind.Month, _formFrom, _formTo, Now);

    private void Apply()
    {
        var kind = _formPeriod == "week" ? PeriodKind.Week : PeriodKind.Month;
        Navigation.NavigateTo(RepositoryLinks.Page(Owner, Name, new RepositoryView(kind, _formFrom, _formTo, _formBots, [])));
    }

    /// <summary>The charts in runs: each run under the heading of the chart that opens it (the first run has none).</summary>
    private static List<(string? Heading, List<DashboardChart> Charts)> ChartGroups(IReadOnlyList<DashboardChart> charts)
    {
        var groups = new List<(string? Heading, List<DashboardChart> Charts)> { (null, []) };
        foreach (var chart in charts)
        {
            if (chart.Opens is { } heading)
            {
                groups.Add((heading, []));
            }

            groups[^1].Charts.Add(chart);
        }

        return [.. groups.Where(g => g.Charts.Count > 0)];
    }
}
