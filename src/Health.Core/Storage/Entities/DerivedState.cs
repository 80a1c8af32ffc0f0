namespace Health.Core.Storage.Entities;

/// <summary>
/// Where a repository's derived facts stand: the bot rules they were derived under, and a sequence that every derivation
/// (a sync page's, or a whole one) moves on. Each derived row records the sequence that last wrote it, so whoever keeps
/// the facts in memory reads again only the rows newer than what it holds.
/// </summary>
public sealed class DerivedState
{
    public int RepositoryId { get; set; }

    /// <summary>The bot rules the facts were derived with; other rules mean the facts must be derived again.</summary>
    public required string BotRules { get; set; }

    /// <summary>The last derivation's number: one more at each derivation.</summary>
    public long Sequence { get; set; }

    /// <summary>The <see cref="Sequence"/> of the last whole derivation: rows older than it may have been replaced or removed since.</summary>
    public long WholeSequence { get; set; }
}
