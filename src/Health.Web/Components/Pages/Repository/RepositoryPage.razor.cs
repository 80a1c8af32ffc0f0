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

namespace Health.Web.Components.Pages.Repository;

/// <summary>
/// One repository's health: charts of METRICS.md's figures and a few more, each with a table and a CSV, and the lists
/// that invite action. The filters live in the query string, so a link reproduces the view. While open, the page
/// reads the sync state every <see cref="DashboardOptions.RefreshInterval"/>, and reloads its figures when a sync finishes.
/// </summary>
public sealed partial class RepositoryPage : LivePage
{
    internal const string SnapshotKey = "repository-page";
    private const string What = "the repository's figures";
    private PersistingComponentStateSubscription _persisting;
    private bool _notFound;
    private TrackedRepository? _repo;
    private RepositoryView? _view;
    private SyncStatus? _status;
    private DateTime? _loadedFinishedAt;
    private IReadOnlyList<DashboardChart>? _charts;
    private ActionLists? _lists;
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
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private PersistentComponentState PersistentState { get; set; } = default!;

    protected override async ValueTask DisposeAsyncCore()
    {
        _persisting.Dispose();
        await base.DisposeAsyncCore();
    }

    protected override void OnInitialized() =>
        _persisting = PersistentState.RegisterOnPersisting(() =>
        {
            PersistentState.PersistAsJson(SnapshotKey, SnapshotHandoff.Put(new PageSnapshot(Navigation.Uri, _repo, _status, _charts, _lists, _view), Time));
            return Task.CompletedTask;
        });

    protected override async Task OnParametersSetAsync()
    {
        if (PersistentState.TryTakeFromJson<string>(SnapshotKey, out var token) && SnapshotHandoff.Take(token) is { } snapshot && snapshot.Address == Navigation.Uri)
        {
            // The prerendered page's content: shown as it was, without reading it again.
            (_repo, _status, _charts, _lists) = (snapshot.Repository, snapshot.Status, snapshot.Charts, snapshot.Lists);
            (_notFound, _loadedFinishedAt) = (_repo is null, _status?.FinishedAt);
            Show(snapshot.View ?? RepositoryView.Parse(PeriodText, FromText, ToText, BotsText, Now));
            return;
        }

        await LoadAsync(What, async () =>
        {
            var repo = await RepositoryLookup.FindAsync(DbFactory, Owner, Name, await AccessClaims.VisibilityAsync(AuthState), Closed);
            var lastActivity = repo is null ? null : await Metrics.LastActivityAsync([repo.Id], Closed);
            (_repo, _notFound) = (repo, repo is null);
            Show(RepositoryView.Parse(PeriodText, FromText, ToText, BotsText, Now, lastActivity));
            if (repo is not null)
            {
                _status = await StatusAsync();
                await LoadFiguresAsync();
            }
        });
    }

    /// <summary>Shows <paramref name="view"/>, its filters in the form.</summary>
    private void Show(RepositoryView view)
    {
        _view = view;
        _formPeriod = RepositoryView.Unit(view.Period);
        (_formFrom, _formTo, _formBots) = (view.From, view.To, view.Bots);
    }

    /// <summary>Reads the figures of the current view.</summary>
    private async Task LoadFiguresAsync()
    {
        if (_repo is not { } repo || _view is not { } view)
        {
            return;
        }

        _loadedFinishedAt = _status?.FinishedAt;
        _charts = await RepositoryCharts.LoadAsync(Metrics, Dashboard, repo.Id, repo.FullName, view, Intake.Value.ResponseTarget, Closed);
        _lists = await Dashboard.ActionListsAsync(repo.Id, view.Period, view.From, view.To, Closed);
    }

    private async Task<SyncStatus?> StatusAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync(Closed);
        return await db.SyncStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.RepositoryId == _repo!.Id, Closed);
    }

    /// <summary>A tick: the sync note follows the repository's sync, and the figures are read again when one finishes.</summary>
    protected override async Task RefreshAsync()
    {
        if (_repo is null)
        {
            return;
        }

        _status = await StatusAsync();
        if (_status?.FinishedAt != _loadedFinishedAt && _status?.State != SyncState.Running)
        {
            await LoadAsync(What, LoadFiguresAsync);
        }
    }

    /// <summary>Switching the period while the range is still the default moves it to the new period's default range.</summary>
    private void PeriodChanged() =>
        (_formFrom, _formTo) = RepositoryView.RangeAfterSwitch(_formPeriod == "week" ? PeriodKind.Week : PeriodKind.Month, _formFrom, _formTo, Now, _view?.QuietSince);

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
