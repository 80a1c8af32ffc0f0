namespace Health.Core.Storage.Entities;

/// <summary>
/// A repository's metrics rows for one range, as computed at one version of its derived facts (see <c>Metrics/StoredMetrics</c>):
/// what a view shows right after a start, before the facts are read into memory again.
/// </summary>
public sealed class StoredRows
{
    public int RepositoryId { get; set; }

    /// <summary>The range: period kind, first and last day.</summary>
    public required string Range { get; set; }

    /// <summary>The version of the facts the rows were computed from (<c>FactsVersion.Key</c>).</summary>
    public required string Version { get; set; }

    /// <summary>The rows, as JSON.</summary>
    public required string Rows { get; set; }
}
