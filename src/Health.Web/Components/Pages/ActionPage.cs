namespace Health.Web.Components.Pages;

/// <summary>
/// A live page whose buttons change things (the repositories and the report schedules): an action runs with the buttons
/// disabled (<see cref="Busy"/>), says what it did or why not (<see cref="Message"/>), and the page reads its lists again
/// after it. An unexpected failure is logged with its exception and becomes a message a person can act on, never a
/// broken circuit.
/// </summary>
public abstract partial class ActionPage : LivePage
{
    /// <summary>An action is running: the page's buttons are disabled.</summary>
    protected bool Busy { get; private set; }

    /// <summary>What the last action said; null before any (or once the page clears it).</summary>
    protected ActionMessage? Message { get; set; }

    /// <summary>Runs one action (<paramref name="what"/> names it: "add acme/widgets"), then <see cref="LivePage.RefreshAsync"/>.</summary>
    protected async Task RunAsync(string what, Func<Task<ActionMessage>> action)
    {
        Busy = true;
        Message = null;
        try
        {
            Message = await action();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogActionFailed(Logger, what, e);
            Message = ActionMessage.Error($"Could not {what}: {Reason(e)}; try again in a moment.");
        }
        finally
        {
            Busy = false;
        }

        await RefreshAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not {What}")]
    private static partial void LogActionFailed(ILogger logger, string what, Exception exception);
}
