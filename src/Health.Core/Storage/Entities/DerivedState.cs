namespace Health.Core.Storage.Entities;

/// <summary>When a repository's derived facts were last computed, and under which bot rules.</summary>
public sealed class DerivedState
{
    public int RepositoryId { get; set; }

    /// <summary>The bot rules the facts were derived with; other rules mean the facts must be derived again.</summary>
    public required string BotRules { get; set; }

    /// <summary>The repository's sync finish the facts include.</summary>
    public DateTime? SyncFinishedAt { get; set; }
}
