using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Components.Pages.Reports;

/// <summary>One archived report as it was delivered (in a sandboxed frame), with each destination's delivery state and its downloads.</summary>
public sealed partial class ReportViewPage : ComponentBase
{
    private ReportRun? _run;
    private List<DeliveryRow> _deliveries = [];
    private bool _loaded;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private IDbContextFactory<HealthDb> DbFactory { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        _run = await db.ReportRuns.AsNoTracking().Include(r => r.Deliveries).SingleOrDefaultAsync(r => r.Id == Id);
        _deliveries = _run?.Deliveries.OrderBy(d => d.Channel).Select(DeliveryRow.From).ToList() ?? [];
        _loaded = true;
    }
}
