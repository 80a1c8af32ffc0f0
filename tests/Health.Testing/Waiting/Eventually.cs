namespace Health.Testing;

/// <summary>
/// The one polling wait of the tests: checks a condition every <see cref="PollInterval"/> until it holds or a deadline passes.
/// Tests wait on state (a row written, a message received, a process up), never on a sleep of a guessed length; a wait for
/// time itself to pass is no condition: such a test moves a <c>FakeTimeProvider</c> instead.
/// </summary>
public static class Eventually
{
    /// <summary>Short enough to add little to a test, long enough not to load a 2-core machine with checks.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Two minutes unless told: a deadline only for a hang, far beyond what a loaded CI machine needs.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Waits until <paramref name="condition"/> returns true; an exception it throws ends the wait at once.</summary>
    /// <param name="what">What is awaited, for the timeout's message ("the sync to finish").</param>
    /// <exception cref="TimeoutException">The condition still did not hold after <paramref name="timeout"/>.</exception>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(condition, () => what, timeout);

    /// <summary>Waits until <paramref name="condition"/> returns true; an exception it throws ends the wait at once.</summary>
    /// <param name="what">What is awaited and what was seen last, asked for the timeout's message only (it may read the state
    /// the condition kept).</param>
    /// <exception cref="TimeoutException">The condition still did not hold after <paramref name="timeout"/>.</exception>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what()}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, string, TimeSpan?)"/>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);
}
