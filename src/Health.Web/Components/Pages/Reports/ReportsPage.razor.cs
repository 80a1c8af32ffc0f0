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
public sealed partial class ReportsPage : ComponentBase, IDisposable
{
    private const int ArchiveShown = 50;

    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private readonly CancellationTokenSource _closed = new();
    private List<ReportSchedule>? _schedules;
    private IReadOnlyDictionary<int, ScheduleCoverage> _coverage = new Dictionary<int, ScheduleCoverage>();
    private List<ArchiveRow>? _archive;
    private ReportScheduleInput _input = new();
    private int? _editing;
    private int? _confirmDelete;
    private RenderedReport? _preview;
    private bool _busy;
    private Message? _message;

    [Inject]
    private IDbContextFactory<HealthDb> DbFactory { get; set; } = default!;

    [Inject]
    private ReportCatalog Catalog { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<ReportsPage> Logger { get; set; } = default!;

    [Inject]
    private IOptions<SmtpOptions> Smtp { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    private bool SmtpConfigured => Smtp.Value.IsConfigured;

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _ = RefreshAsync(_closed.Token);
        }
    }

    private Task RefreshAsync(CancellationToken ct) =>
        LiveRefresh.RunAsync(Options.Value.RefreshInterval, Time, async () =>
        {
            await LoadAsync();
            await InvokeAsync(StateHasChanged);
        }, Logger, ct);

    private async Task LoadAsync()
    {
        var schedules = await Catalog.ListAsync(_closed.Token);
        _coverage = await Catalog.CoverageAsync(schedules, _closed.Token);
        _schedules = schedules;
        await using var db = await DbFactory.CreateDbContextAsync(_closed.Token);
        _archive = await ArchiveRow.LoadAsync(db, ArchiveShown, _closed.Token);
    }

    /// <summary>What is wrong with the schedule's scope now (its repositories no longer tracked), or null.</summary>
    private ScheduleCoverage? Coverage(ReportSchedule schedule) => _coverage.GetValueOrDefault(schedule.Id);

    private Task SaveAsync() =>
        RunAsync(async () =>
        {
            var editing = _editing;
            var (id, error) = await Catalog.SaveAsync(editing, _input, _closed.Token);
            if (error is not null)
            {
                return new Message(error, true);
            }

            var saved = (await Catalog.ListAsync(_closed.Token)).Single(s => s.Id == id);
            CancelEdit();
            var next = ScheduleText.NextDue(saved, Time.GetUtcNow().UtcDateTime);
            return new Message($"{(editing is null ? "Scheduled" : "Saved")} “{saved.Name}”: {ScheduleText.Cadence(saved)}; next due {Times.Utc(next, "never")}.", false);
        });

    private void Edit(ReportSchedule schedule)
    {
        _editing = schedule.Id;
        _input = ReportScheduleInput.From(schedule);
        _message = null;
    }

    private void CancelEdit()
    {
        _editing = null;
        _input = new ReportScheduleInput();
    }

    private Task DeleteAsync(ReportSchedule schedule) =>
        RunAsync(async () =>
        {
            _confirmDelete = null;
            if (_editing == schedule.Id)
            {
                CancelEdit();
            }

            return await Catalog.DeleteAsync(schedule.Id, _closed.Token) is { } error
                ? new Message(error, true)
                : new Message($"“{schedule.Name}” is deleted; its reports stay in the archive.", false);
        });

    private Task SendTestAsync(ReportSchedule schedule) =>
        RunAsync(async () =>
        {
            var (runId, error) = await Catalog.SendTestAsync(schedule.Id, _closed.Token);
            return error is not null
                ? new Message(error, true)
                : new Message($"A test of “{schedule.Name}” was made (report #{runId}) and is being delivered; its state shows in the archive below.", false);
        });

    private Task PreviewAsync(ReportSchedule schedule) =>
        RunAsync(async () =>
        {
            var (report, error) = await Catalog.PreviewAsync(schedule.Id, _closed.Token);
            _preview = report;
            return error is not null ? new Message(error, true) : new Message($"Preview of “{schedule.Name}” below.", false);
        });

    private Task ResendAsync(ArchiveRow run) =>
        RunAsync(async () => await Catalog.ResendAsync(run.Id, _closed.Token) is { } error
            ? new Message(error, true)
            : new Message($"Report #{run.Id} is being sent again to the destinations that did not get it.", false));

    /// <summary>Runs one action with the buttons disabled; any failure becomes a message on the page, never a broken circuit.</summary>
    private async Task RunAsync(Func<Task<Message>> action)
    {
        _busy = true;
        _message = null;
        try
        {
            _message = await action();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _message = new Message($"That did not work: {e.Message}", true);
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }

    private sealed record Message(string Text, bool IsError);
}
