namespace Health.Core.Metrics;

/// <summary>
/// Where one repository's derived facts stand, as <see cref="DerivedFacts.VersionsAsync"/> reads them: anything computed
/// from the facts stays right while this does not change.
/// </summary>
/// <param name="Stale">Derived under other bot rules (or never recorded): a whole derivation is due; until it is done, views show the facts as they are.</param>
/// <param name="Whole">The sequence of the last whole derivation.</param>
/// <param name="Sequence">The last derivation's sequence.</param>
/// <param name="LastSuccessAt">The repository's last successful sync (retention figures are final relative to it).</param>
public sealed record FactsVersion(int RepositoryId, bool Stale, long Whole, long Sequence, DateTime? LastSuccessAt)
{
    /// <summary>The version as a cache key's part.</summary>
    public string Key => $"{RepositoryId}:{(Stale ? "stale" : "fresh")}:{Whole}:{Sequence}:{LastSuccessAt?.Ticks}";
}

/// <summary>A whole derivation's progress: <paramref name="Done"/> of <paramref name="Total"/> repositories, now at <paramref name="Repository"/> (null when done).</summary>
public sealed record DerivationProgress(int Done, int Total, string? Repository);
