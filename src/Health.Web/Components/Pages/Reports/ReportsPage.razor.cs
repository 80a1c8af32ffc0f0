using Health.Core.Reports.Delivery;
using Health.Core.Reports.Rendering;
using Health.Core.Reports.Scheduling;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Components.Pages.Reports;

/// <summary>
/// Manage report schedules (create, edit, delete; checked before anything is saved), send a test now, preview, and the
/// archive of every report made with each destination's delivery state. A schedule whose repositories are no longer all
/// tracked says so on its row. Both are read again every
/// <see cref="DashboardOptions.RefreshInterval"/>, so a delivery in progress shows how it ends.
/// </summary>
public sealed partial class ReportsPage : ActionPage
{
    private const string What = "the report schedules and archive";
    private const int ArchiveShown = 50;

    private List<ReportSchedule>? _schedules;
    private IReadOnlyDictionary<int, ScheduleCoverage> _coverage = new Dictionary<int, ScheduleCoverage>();
    private List<ArchiveRow>? _archive;
    private ReportScheduleInput _input = new();
    private int? _editing;
    private RenderedReport? _preview;

    [Inject]
    private IDbContextFactory<HealthDb> DbFactory { get; set; } = default!;

    [Inject]
    private ReportCatalog Catalog { get; set; } = default!;

    [Inject]
    private IOptions<SmtpOptions> Smtp { get; set; } = default!;

    private bool SmtpConfigured => Smtp.Value.IsConfigured;

    protected override Task OnInitializedAsync() => LoadAsync(What, LoadListsAsync);

    protected override Task RefreshAsync() => LoadAsync(What, LoadListsAsync);

    private async Task LoadListsAsync()
    {
        var schedules = await Catalog.ListAsync(Closed);
        _coverage = await Catalog.CoverageAsync(schedules, Closed);
        _schedules = schedules;
        await using var db = await DbFactory.CreateDbContextAsync(Closed);
        _archive = await ArchiveRow.LoadAsync(db, ArchiveShown, Closed);
    }

    private Task SaveAsync() =>
        RunAsync(_editing is null ? "create the schedule" : "save the schedule", async () =>
        {
            var editing = _editing;
            var (id, error) = await Catalog.SaveAsync(editing, _input, Closed);
            if (error is not null)
            {
                return ActionMessage.Error(error);
            }

            var saved = (await Catalog.ListAsync(Closed)).Single(s => s.Id == id);
            CancelEdit();
            var next = ScheduleText.NextDue(saved, Now);
            return new ActionMessage($"{(editing is null ? "Scheduled" : "Saved")} “{saved.Name}”: {ScheduleText.Cadence(saved)}; next due {Times.Utc(next, "never")}.", false);
        });

    private void Edit(ReportSchedule schedule)
    {
        _editing = schedule.Id;
        _input = ReportScheduleInput.From(schedule);
        Message = null;
    }

    private void CancelEdit()
    {
        _editing = null;
        _input = new ReportScheduleInput();
    }

    private Task DeleteAsync(ReportSchedule schedule) =>
        RunAsync($"delete “{schedule.Name}”", async () =>
        {
            if (_editing == schedule.Id)
            {
                CancelEdit();
            }

            return await Catalog.DeleteAsync(schedule.Id, Closed) is { } error
                ? ActionMessage.Error(error)
                : new ActionMessage($"“{schedule.Name}” is deleted; its reports stay in the archive.", false);
        });

    private Task SendTestAsync(ReportSchedule schedule) =>
        RunAsync($"send a test of “{schedule.Name}”", async () =>
        {
            var (runId, error) = await Catalog.SendTestAsync(schedule.Id, Closed);
            return error is not null
                ? ActionMessage.Error(error)
                : new ActionMessage($"A test of “{schedule.Name}” was made (report #{runId}) and is being delivered; its state shows in the archive below.", false);
        });

    private Task PreviewAsync(ReportSchedule schedule) =>
        RunAsync($"preview “{schedule.Name}”", async () =>
        {
            var (report, error) = await Catalog.PreviewAsync(schedule.Id, Closed);
            _preview = report;
            return error is not null ? ActionMessage.Error(error) : ActionMessage.Done($"Preview of “{schedule.Name}” below.");
        });

    private Task ResendAsync(ArchiveRow run) =>
        RunAsync($"send report #{run.Id} again", async () => await Catalog.ResendAsync(run.Id, Closed) is { } error
            ? ActionMessage.Error(error)
            : ActionMessage.Done($"Report #{run.Id} is being sent again to the destinations that did not get it."));
}
