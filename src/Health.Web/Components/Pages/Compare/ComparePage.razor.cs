using Health.Core.Tracking;
using Health.Web.Access;
using Health.Web.Components.Charts;
using Microsoft.AspNetCore.Components.Authorization;
using Health.Core.Dashboard;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Health.Web.Components.Pages.Repository;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Components.Pages.Compare;

/// <summary>
/// Two to five repositories or organisations on the same charts: one chart a METRICS.md figure, one series an entry.
/// What is compared and the range live in the query string (<see cref="CompareView"/>), so a link reproduces the view.
/// </summary>
public sealed partial class ComparePage : LivePage
{
    private const string What = "the compared figures";
    private List<OwnerChoice>? _choices;
    private List<string> _picked = [];
    private CompareView? _view;
    private IReadOnlyList<CompareScope>? _scopes;
    private IReadOnlyList<string> _problems = [];
    private IReadOnlyList<DashboardChart>? _charts;
    private IReadOnlyList<string> _syncing = [];
    private string _finished = string.Empty;
    private int _loads;
    private string _formPeriod = "month";
    private DateOnly _formFrom;
    private DateOnly _formTo;

    [SupplyParameterFromQuery(Name = "items")]
    public string? ItemsText { get; set; }

    [SupplyParameterFromQuery(Name = "period")]
    public string? PeriodText { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromText { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToText { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    [Inject]
    private Microsoft.Extensions.Options.IOptions<IntakeOptions> Intake { get; set; } = default!;

    [Inject]
    private IDbContextFactory<HealthDb> DbFactory { get; set; } = default!;

    [Inject]
    private MetricsService Metrics { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var (items, period, from, to) = (ItemsText, PeriodText, FromText, ToText);
        var view = CompareView.Parse(items, period, from, to, Now);
        ShowForm(view);
        await LoadViewAsync(view, resetPicks: true, lastActivity => CompareView.Parse(items, period, from, to, Now, lastActivity));
    }

    private void ShowForm(CompareView view)
    {
        _formPeriod = RepositoryView.Unit(view.Period);
        (_formFrom, _formTo) = (view.From, view.To);
    }

    /// <summary>
    /// Reads what <paramref name="view"/> shows. Loads can overlap (Compare pressed twice, a refresh during a navigation):
    /// only the latest one writes its results, so a slow earlier one never puts old charts under a new URL. A view read from
    /// the URL is parsed again (<paramref name="withActivity"/>) once the entries' last activity is known.
    /// </summary>
    private Task<bool> LoadViewAsync(CompareView view, bool resetPicks, Func<DateTime?, CompareView>? withActivity = null) => LoadAsync(What, async () =>
    {
        var ct = Closed;
        var load = Interlocked.Increment(ref _loads);
        try
        {
            var visibility = await AccessClaims.VisibilityAsync(AuthState);
            var (scopes, missing) = await CompareScopes.ResolveAsync(DbFactory, view.Items, visibility, ct);
            if (withActivity is not null && scopes.Count > 0)
            {
                view = withActivity(await Metrics.LastActivityAsync([.. scopes.SelectMany(s => s.RepositoryIds)], ct));
            }

            var picked = resetPicks ? scopes.Select(s => s.Item.Text).ToList() : _picked;
            var choices = await ChoicesAsync(picked, visibility, ct);
            var charts = scopes.Count == 0 ? null : await CompareCharts.LoadAsync(Metrics, scopes, view, Intake.Value.ResponseTarget, ct);
            var (syncing, finished) = await SyncStateAsync(scopes, ct);
            if (load != Volatile.Read(ref _loads))
            {
                return;
            }

            (_view, _scopes, _problems, _choices, _charts, _syncing, _finished) = (view, scopes, [.. view.Problems, .. missing], choices, charts, syncing, finished);
            _picked = picked;
            if (withActivity is not null)
            {
                ShowForm(view);
            }
        }
        catch (Exception) when (load != Volatile.Read(ref _loads) && !ct.IsCancellationRequested)
        {
            // A later load has started: its outcome, not this one's, is what the page shows.
        }
    });

    /// <summary>A tick of the live refresh: the sync note follows the entries' syncs, and the charts are read again when one finishes.</summary>
    protected override async Task RefreshAsync()
    {
        if (_view is not { } view || _scopes is not { Count: > 0 } scopes)
        {
            return;
        }

        var (syncing, finished) = await SyncStateAsync(scopes, Closed);
        if (finished != _finished)
        {
            await LoadViewAsync(view, resetPicks: false);
        }
        else
        {
            _syncing = syncing;
        }

    }

    /// <summary>Switching the period while the range is still the default moves it to the new period's default range.</summary>
    private void PeriodChanged() =>
        (_formFrom, _formTo) = RepositoryView.RangeAfterSwitch(_formPeriod == "week" ? PeriodKind.Week : PeriodKind.Month, _formFrom, _formTo, Now, _view?.QuietSince);

    private bool IsPicked(string text) => _picked.Contains(text, StringComparer.OrdinalIgnoreCase);

    private bool CanPick(string text) => IsPicked(text) || _picked.Count < CompareView.MaxItems;

    private void Toggle(string text, bool on)
    {
        _picked.RemoveAll(p => string.Equals(p, text, StringComparison.OrdinalIgnoreCase));
        if (on && _picked.Count < CompareView.MaxItems)
        {
            _picked.Add(text);
        }
    }

    private void Apply()
    {
        var kind = _formPeriod == "week" ? PeriodKind.Week : PeriodKind.Month;
        var items = _picked.Select(p => CompareView.ParseItem(p, out _)).OfType<CompareItem>().ToList();
        Navigation.NavigateTo(CompareLinks.Page(new CompareView(items, kind, _formFrom, _formTo, [])));
    }

    /// <summary>
    /// What can be picked: the tracked repositories, by owner, and any picked repository that is no longer tracked (its
    /// data kept), so that it can be unticked.
    /// </summary>
    private async Task<List<OwnerChoice>> ChoicesAsync(IReadOnlyList<string> picked, RepositoryVisibility visibility, CancellationToken ct)
    {
        var keys = picked.Select(p => p.ToLowerInvariant()).ToList();
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var repos = await db.Repositories.AsNoTracking().VisibleTo(visibility)
            .Where(r => r.RemovedAt == null || keys.Contains(r.FullNameKey))
            .Select(r => new { r.Owner, r.Name, r.FullNameKey, Tracked = r.RemovedAt == null })
            .ToListAsync(ct);
        return [.. repos
            .GroupBy(r => r.Owner, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => new OwnerChoice(
                g.First().Owner,
                g.Count(r => r.Tracked),
                [.. g.OrderBy(r => r.FullNameKey, StringComparer.Ordinal).Select(r => new NameChoice(r.Name, r.Tracked))]))];
    }

    /// <summary>Which entries' repositories are syncing now, and a mark that changes whenever one of their syncs finishes.</summary>
    private async Task<(IReadOnlyList<string> Syncing, string Finished)> SyncStateAsync(IReadOnlyList<CompareScope> scopes, CancellationToken ct)
    {
        var ids = scopes.SelectMany(s => s.RepositoryIds).Distinct().ToList();
        if (ids.Count == 0)
        {
            return ([], string.Empty);
        }

        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var states = await db.SyncStatuses.AsNoTracking()
            .Where(s => ids.Contains(s.RepositoryId))
            .Join(db.Repositories, s => s.RepositoryId, r => r.Id, (s, r) => new { Name = r.Owner + "/" + r.Name, s.State, s.FinishedAt, s.RepositoryId })
            .ToListAsync(ct);
        var syncing = states.Where(s => s.State == SyncState.Running).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        var finished = string.Join(",", states.OrderBy(s => s.RepositoryId).Select(s => $"{s.RepositoryId}:{s.FinishedAt?.Ticks}"));
        return (syncing, finished);
    }

    private sealed record OwnerChoice(string Owner, int Tracked, IReadOnlyList<NameChoice> Names);

    private sealed record NameChoice(string Name, bool Tracked);
}
