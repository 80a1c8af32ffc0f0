namespace Health.Core.Tests.Infrastructure;

/// <summary>A clock a test moves by hand (for the simulator's world: its Date header and rate-limit windows), so no test sleeps for a window to pass.</summary>
public sealed class MovableClock(DateTime start) : TimeProvider
{
    private long _ticks = start.Ticks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
