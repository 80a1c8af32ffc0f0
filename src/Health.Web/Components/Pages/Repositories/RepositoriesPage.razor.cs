using Health.Core.Storage;
using Health.Core.Tracking;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Web.Components.Pages.Repositories;

/// <summary>
/// Manage what is tracked: add (checked with GitHub first), sync now, pause and resume, change the schedule, remove
/// (keeping or deleting the data). The table reads the database again every <see cref="DashboardOptions.RefreshInterval"/>,
/// so a running sync shows its progress live, whichever process runs it.
/// </summary>
public sealed partial class RepositoriesPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private List<RepositoryRow>? _rows;
    private string _input = string.Empty;
    private bool _busy;
    private Message? _message;
    private int? _confirmRemove;
    private int? _editSchedule;
    private string _cron = string.Empty;
    private string _timeZone = string.Empty;

    [Inject]
    private IDbContextFactory<HealthDb> DbFactory { get; set; } = default!;

    [Inject]
    private RepositoryCatalog Catalog { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<RepositoriesPage> Logger { get; set; } = default!;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

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
        await using var db = await DbFactory.CreateDbContextAsync(_closed.Token);
        _rows = await RepositoryRow.LoadAsync(db, Time.GetUtcNow().UtcDateTime, _closed.Token);
    }

    private async Task AddAsync()
    {
        var input = _input;
        await RunAsync(async () =>
        {
            var result = await Catalog.AddAsync(input, _closed.Token);
            if (result.Succeeded)
            {
                _input = string.Empty;
            }

            return new Message(result.Describe(), !result.Succeeded);
        });
    }

    private Task SyncNowAsync(RepositoryRow row) =>
        RunAsync(async () => await Catalog.SyncNowAsync(row.Id, _closed.Token) is { } error
            ? new Message(error, true)
            : new Message($"A sync of {row.FullName} is queued; it starts as soon as a worker is free (or is skipped if one is already running).", false));

    private Task SetPausedAsync(RepositoryRow row, bool paused) =>
        RunAsync(async () => await Catalog.SetPausedAsync(row.Id, paused, _closed.Token) is { } error
            ? new Message(error, true)
            : new Message(paused ? $"{row.FullName} is paused: no scheduled sync until you resume it." : $"{row.FullName} is resumed.", false));

    private void EditSchedule(RepositoryRow row)
    {
        _editSchedule = row.Id;
        _cron = row.Cron;
        _timeZone = row.TimeZone;
    }

    private Task SaveScheduleAsync(RepositoryRow row) =>
        RunAsync(async () =>
        {
            if (await Catalog.SetScheduleAsync(row.Id, _cron, _timeZone, _closed.Token) is { } error)
            {
                return new Message(error, true);
            }

            _editSchedule = null;
            return new Message($"{row.FullName} now syncs on '{_cron.Trim()}' ({_timeZone.Trim()}).", false);
        });

    private Task RemoveAsync(RepositoryRow row, bool deleteData) =>
        RunAsync(async () =>
        {
            _confirmRemove = null;
            return await Catalog.RemoveAsync(row.Id, deleteData, _closed.Token) is { } error
                ? new Message(error, true)
                : new Message(deleteData ? $"{row.FullName} and everything collected for it are deleted." : $"{row.FullName} is no longer tracked; its data is kept.", false);
        });

    private Task TrackAgainAsync(RepositoryRow row) =>
        RunAsync(async () =>
        {
            var result = await Catalog.AddAsync(row.FullName, _closed.Token);
            return new Message(result.Describe(), !result.Succeeded);
        });

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

    private sealed record Message(string Text, bool IsError);
}
