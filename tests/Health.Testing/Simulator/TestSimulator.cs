using GitHubSimulator;

namespace Health.Testing;

/// <summary>The GitHub simulator started for a test: a generated world served on a loopback port. Dispose the server to stop it.</summary>
public static class TestSimulator
{
    /// <summary>Worlds end at a fixed moment, so a seed always yields the same world and a test that names months does not depend on today.</summary>
    public static readonly DateTime WorldEnd = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <param name="world">The world to generate.</param>
    /// <param name="simulator">Changes to the simulator's behaviour (latency, faults, limits, token) before it serves.</param>
    /// <param name="clock">The world's clock (rate-limit windows, token expiry, new events); the system's by default. A test
    /// that moves a <c>FakeTimeProvider</c> here (and in Health) passes a rate-limit reset without waiting for it.</param>
    public static Task<SimulatorServer> StartAsync(WorldOptions world, Action<SimulatorOptions>? simulator = null, TimeProvider? clock = null)
    {
        var options = new SimulatorOptions();
        simulator?.Invoke(options);
        return SimulatorServer.StartAsync(WorldGenerator.Generate(world, clock), options);
    }
}
