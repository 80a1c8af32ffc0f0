namespace Health.Web.Tests.Dashboard;

/// <summary>A clock stopped at one instant; timers still run on real time.</summary>
public sealed class FixedClock(DateTime utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc));
}
