using Health.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Health.Core.GitHub.Sync;

/// <summary>What a stream handler needs to store one page.</summary>
internal sealed record PageContext(
    HealthDb Db,
    int RepositoryId,
    RepositoryName Repository,
    GitHubApi Api,
    GitHubOptions Options,
    BotPolicy Bots,
    SyncCounts Counts,
    ILogger Logger)
{
    /// <summary>Accounts met on the page; upserted in the page's transaction (see <see cref="AccountUpserter"/>).</summary>
    public List<Dto.UserDto?> Accounts { get; } = [];
}
