using Health.Core.Storage;
using Health.Core.Tracking;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Health.Web.Components.Pages.Repositories;

/// <summary>
/// Manage what is tracked: add (checked with GitHub first), sync now, pause and resume, change the schedule, remove
/// (keeping or deleting the data). The table reads the database again every <see cref="DashboardOptions.RefreshInterval"/>,
/// so a running sync shows its progress live, whichever process runs it.
/// </summary>
public sealed partial class RepositoriesPage : ActionPage
{
    private const string What = "the tracked repositories";
    private List<RepositoryRow>? _rows;
    private string _input = string.Empty;
    private int? _confirmRemove;
    private int? _editSchedule;
    private string _cron = string.Empty;
    private string _timeZone = string.Empty;

    [Inject]
    private IDbContextFactory<HealthDb> DbFactory { get; set; } = default!;

    [Inject]
    private RepositoryCatalog Catalog { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync(What, LoadRowsAsync);

    protected override Task RefreshAsync() => LoadAsync(What, LoadRowsAsync);

    private async Task LoadRowsAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync(Closed);
        _rows = await RepositoryRow.LoadAsync(db, Now, Closed);
    }

    private async Task AddAsync()
    {
        var input = _input;
        await RunAsync($"add {input.Trim()}", async () =>
        {
            var result = await Catalog.AddAsync(input, Closed);
            if (result.Succeeded)
            {
                _input = string.Empty;
            }

            return new ActionMessage(result.Describe(), !result.Succeeded);
        });
    }

    private Task SyncNowAsync(RepositoryRow row) =>
        RunAsync($"queue a sync of {row.FullName}", async () => await Catalog.SyncNowAsync(row.Id, Closed) is { } error
            ? ActionMessage.Error(error)
            : new ActionMessage($"A sync of {row.FullName} is queued; it starts as soon as a worker is free (or is skipped if one is already running).", false));

    private Task SetPausedAsync(RepositoryRow row, bool paused) =>
        RunAsync($"{(paused ? "pause" : "resume")} {row.FullName}", async () => await Catalog.SetPausedAsync(row.Id, paused, Closed) is { } error
            ? ActionMessage.Error(error)
            : ActionMessage.Done(paused ? $"{row.FullName} is paused: no scheduled sync until you resume it." : $"{row.FullName} is resumed."));

    private void EditSchedule(RepositoryRow row)
    {
        _editSchedule = row.Id;
        _cron = row.Cron;
        _timeZone = row.TimeZone;
    }

    private Task SaveScheduleAsync(RepositoryRow row) =>
        RunAsync($"save the schedule of {row.FullName}", async () =>
        {
            if (await Catalog.SetScheduleAsync(row.Id, _cron, _timeZone, Closed) is { } error)
            {
                return ActionMessage.Error(error);
            }

            _editSchedule = null;
            return ActionMessage.Done($"{row.FullName} now syncs on '{_cron.Trim()}' ({_timeZone.Trim()}).");
        });

    private Task RemoveAsync(RepositoryRow row, bool deleteData) =>
        RunAsync(deleteData ? $"delete the data of {row.FullName}" : $"stop tracking {row.FullName}", async () =>
        {
            _confirmRemove = null;
            return await Catalog.RemoveAsync(row.Id, deleteData, Closed) is { } error
                ? ActionMessage.Error(error)
                : new ActionMessage(deleteData ? $"{row.FullName} and everything collected for it are deleted." : $"{row.FullName} is no longer tracked; its data is kept.", false);
        });

    private Task TrackAgainAsync(RepositoryRow row) =>
        RunAsync($"track {row.FullName} again", async () =>
        {
            var result = await Catalog.AddAsync(row.FullName, Closed);
            return new ActionMessage(result.Describe(), !result.Succeeded);
        });


    private static string StateKey(RepositoryRow row) => row.State switch
    {
        RowState.NeverSynced => "never-synced",
        RowState.Backfilling => "backfilling",
        RowState.Syncing => "syncing",
        RowState.Idle => "idle",
        RowState.Failed => "failed",
        RowState.WaitingForRateLimit => "waiting",
        _ => "unknown",
    };
}
