using Health.Core.Tracking;
using Health.Web.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Health.Core.Metrics;
using Health.Core.Metrics.Formulas;
using Health.Core.Storage;
using Health.Web.Components.Charts;
using Health.Web.Components.Pages.Repositories;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Components.Pages.Overview;

/// <summary>
/// The front page: every tracked repository as a card with its key numbers for the last complete month against the
/// month before, a 12-month sparkline each, and a mark on what got worse. Sync states refresh live; a card's numbers
/// are recomputed when a sync of it finishes.
/// </summary>
public sealed partial class OverviewPage : LivePage
{
    private const string What = "the repositories' cards";
    private List<OverviewCard>? _cards;
    private Dictionary<int, DateTime?> _lastSuccess = [];

    [Inject]
    private IDbContextFactory<HealthDb> DbFactory { get; set; } = default!;

    [Inject]
    private StoredMetrics Metrics { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    [Inject]
    private IOptions<IntakeOptions> Intake { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync(What, LoadCardsAsync);

    protected override Task RefreshAsync() => LoadAsync(What, LoadCardsAsync);

    /// <summary>The months the cards cover: the 12 complete months before <paramref name="now"/>'s.</summary>
    internal static (DateOnly From, DateOnly To) Range(DateTime now)
    {
        var thisMonth = Periods.StartOf(now, PeriodKind.Month);
        return (DateOnly.FromDateTime(thisMonth.AddMonths(-12)), DateOnly.FromDateTime(thisMonth.AddDays(-1)));
    }

    private static ChartSpec Spark(KeyNumber number) =>
        new(ChartKind.Line, [new ChartSeries(number.Label, number.Trend)]) { Sparkline = true, Height = 36, Format = number.Format };

    private async Task LoadCardsAsync()
    {
        var ct = Closed;
        var now = Now;
        await using var db = await DbFactory.CreateDbContextAsync(ct);
        var visibility = await AccessClaims.VisibilityAsync(AuthState);
        var repos = await db.Repositories.AsNoTracking().VisibleTo(visibility).Where(r => r.RemovedAt == null).ToListAsync(ct);
        var statuses = await db.SyncStatuses.AsNoTracking().ToDictionaryAsync(s => s.RepositoryId, ct);
        var lastSuccess = repos.ToDictionary(r => r.Id, r => statuses.GetValueOrDefault(r.Id)?.LastSuccessAt);
        var previous = _cards?.ToDictionary(c => c.FullName);
        var (from, to) = Range(now);

        var cards = new List<OverviewCard>();
        foreach (var repo in repos.OrderBy(r => r.FullNameKey, StringComparer.Ordinal))
        {
            var status = statuses.GetValueOrDefault(repo.Id);
            var state = RepositoryRow.StateOf(status, now);
            IReadOnlyList<MetricsRow> rows = [];
            var target = Intake.Value.ResponseTarget;
            if (previous is not null && previous.TryGetValue(repo.FullName, out var known) && _lastSuccess.GetValueOrDefault(repo.Id) == lastSuccess[repo.Id])
            {
                var kept = known with { State = state, Percent = status?.Percent };
                cards.Add(kept.TargetKnown || !kept.HasData ? kept : kept.WithTarget(await Metrics.IntakeIfHeldAsync(repo.Id, repo.FullName, PeriodKind.Month, from, to, target, ct), target));
                continue;
            }

            if (status?.LastSuccessAt is not null)
            {
                rows = await Metrics.RowsAsync(repo.Id, repo.FullName, PeriodKind.Month, from, to, ct);
            }

            var card = OverviewCard.Build(repo.Owner, repo.Name, rows, state, status?.Percent);
            cards.Add(card.HasData ? card.WithTarget(await Metrics.IntakeIfHeldAsync(repo.Id, repo.FullName, PeriodKind.Month, from, to, target, ct), target) : card);
        }

        _cards = cards;
        _lastSuccess = lastSuccess;
    }
}
