namespace Health.Web.Tests.Dashboard;

/// <summary>A clock stopped at one instant, moved only by a test (<see cref="UtcNow"/>); timers still run on real time.</summary>
public sealed class FixedClock(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = utcNow;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(UtcNow, DateTimeKind.Utc));
}
