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
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Anything but the page closing, a timeout's cancellation included: logged, and the next tick tries again.
                    logger.LogWarning(e, "A live refresh of the page failed; the next one is in {Interval}.", interval);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && ct.IsCancellationRequested)
        {
            // The page was closed (its token cancelled, or its circuit gone between two ticks).
        }
    }
}
