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
public sealed partial class ComparePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private List<OwnerChoice>? _choices;
    private List<string> _picked = [];
    private CompareView? _view;
    private IReadOnlyList<CompareScope>? _scopes;
    private IReadOnlyList<string> _problems = [];
    private IReadOnlyList<RepositoryChart>? _charts;
    private IReadOnlyList<string> _syncing = [];
    private string? _error;
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

    [Inject]
    private IDbContextFactory<HealthDb> DbFactory { get; set; } = default!;

    [Inject]
    private MetricsService Metrics { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }

    protected override async Task OnParametersSetAsync()
    {
        var ct = _closed.Token;
        var view = CompareView.Parse(ItemsText, PeriodText, FromText, ToText, Time.GetUtcNow().UtcDateTime);
        _formPeriod = RepositoryView.Unit(view.Period);
        (_formFrom, _formTo) = (view.From, view.To);
        try
        {
            _choices = await ChoicesAsync(ct);
            var (scopes, missing) = await CompareScopes.ResolveAsync(DbFactory, view.Items, ct);
            (_view, _scopes, _problems) = (view, scopes, [.. view.Problems, .. missing]);
            _picked = [.. scopes.Select(s => s.Item.Text)];
            _charts = scopes.Count == 0 ? null : await CompareCharts.LoadAsync(Metrics, scopes, view, ct);
            _syncing = await SyncingAsync(scopes, ct);
            _error = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = $"The figures could not be read: {e.Message}";
        }
    }

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

    /// <summary>What can be picked: the tracked repositories, by owner.</summary>
    private async Task<List<OwnerChoice>> ChoicesAsync(CancellationToken ct)
    {
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var repos = await db.Repositories.AsNoTracking().Where(r => r.RemovedAt == null).Select(r => new { r.Owner, r.Name, r.FullNameKey }).ToListAsync(ct);
        return [.. repos
            .GroupBy(r => r.Owner, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => new OwnerChoice(g.First().Owner, [.. g.OrderBy(r => r.FullNameKey, StringComparer.Ordinal).Select(r => r.Name)]))];
    }

    private async Task<IReadOnlyList<string>> SyncingAsync(IReadOnlyList<CompareScope> scopes, CancellationToken ct)
    {
        var ids = scopes.SelectMany(s => s.RepositoryIds).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        await using var db = await DbFactory.CreateDbContextAsync(ct);
        return await db.SyncStatuses.AsNoTracking()
            .Where(s => ids.Contains(s.RepositoryId) && s.State == SyncState.Running)
            .Join(db.Repositories, s => s.RepositoryId, r => r.Id, (s, r) => r.Owner + "/" + r.Name)
            .OrderBy(n => n)
            .ToListAsync(ct);
    }

    private sealed record OwnerChoice(string Owner, IReadOnlyList<string> Names);
}
