namespace Health.Web.Components;

/// <summary>
/// The live part of the dashboard's pages: while a page is open, <c>tick</c> runs every
/// <see cref="DashboardOptions.RefreshInterval"/> (re-reading what a sync by any process may have changed) until the page
/// closes. A tick that fails is logged and the next one tries again, so one bad read does not freeze the page.
/// </summary>
internal static class LiveRefresh
{
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<Task> tick, ILogger logger, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(interval, time);
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await tick();
                }
                catch (Exception e) when (e is not OperationCanceledException and not ObjectDisposedException)
                {
                    logger.LogWarning(e, "A live refresh of the page failed; the next one is in {Interval}.", interval);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between two ticks.
        }
    }
}
