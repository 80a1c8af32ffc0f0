using System.Text.Json;

namespace Health.Core.Metrics;

/// <summary>
/// What a derivation of facts depends on besides the data: the configured extra bot logins (METRICS.md's bot rule) and the
/// agent logins and markers (its intake rules). <see cref="Key"/> is recorded with each repository's facts; when it
/// changes, the facts are derived again whole.
/// </summary>
public sealed record DerivationRules(IReadOnlyList<string> ExtraBotLogins, IReadOnlyList<string> AgentLogins, IReadOnlyList<string> AgentMarkers)
{
    /// <summary>Changes when the derivation itself changes, so facts derived by an older version are derived again once.</summary>
    private const string Version = "v3";

    public string Key =>
        $"{Version}:{string.Join(",", Lower(ExtraBotLogins).Order(StringComparer.Ordinal))}"
        + $"|agents:{JsonSerializer.Serialize(Lower(AgentLogins).Order(StringComparer.Ordinal))}"
        + $"|markers:{JsonSerializer.Serialize(Markers().Order(StringComparer.Ordinal))}";

    /// <summary>The extra bot logins, lower case, as a JSON array (a SQL parameter).</summary>
    public string ExtraBotLoginsJson => JsonSerializer.Serialize(Lower(ExtraBotLogins));

    public string AgentLoginsJson => JsonSerializer.Serialize(Lower(AgentLogins));

    /// <summary>The markers, lower case (untrimmed: a marker's spaces are part of it), as a JSON array.</summary>
    public string AgentMarkersJson => JsonSerializer.Serialize(Markers());

    private IEnumerable<string> Markers() => AgentMarkers.Where(m => m.Length > 0).Select(m => m.ToLowerInvariant()).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> Lower(IEnumerable<string> logins) =>
        logins.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal);
}
