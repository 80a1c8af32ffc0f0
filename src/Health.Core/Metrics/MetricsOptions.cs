using Microsoft.Extensions.Options;

namespace Health.Core.Metrics;

/// <summary><c>Metrics</c>: how much of the collected facts the app keeps in memory.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// Facts (pull requests, issues and activity days, one unit each) kept in memory across repositories and groups; the least
    /// recently used are let go beyond it, and read again when next viewed.
    /// </summary>
    public long CacheRows { get; set; } = 4_000_000;
}

/// <summary>Checks the <c>Metrics</c> section at start, naming the key.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        options.CacheRows is >= 10_000 and <= 200_000_000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Metrics:CacheRows must be between 10,000 and 200,000,000 (got {options.CacheRows}).");
}
