namespace GitHubSimulator;

/// <summary>Builds a realistic, seeded world: the same options give the same world.</summary>
public static class WorldGenerator
{
    public static World Generate(WorldOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Prs);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Issues ?? 0);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ExtraRepositories);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.YearsOfHistory);
        ArgumentException.ThrowIfNullOrEmpty(options.Owner);
        ArgumentException.ThrowIfNullOrEmpty(options.Name);
        clock ??= TimeProvider.System;
        DateTime end = TimeFormat.TruncateToSeconds(options.End ?? clock.GetUtcNow().UtcDateTime);
        return new GenerationRun(options, clock, end).Build();
    }
}
