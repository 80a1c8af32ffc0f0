using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Health.Core.Storage;

/// <summary>
/// Per-connection SQLite settings: <c>synchronous=NORMAL</c> (with WAL, commits stay atomic and the file can
/// never be corrupted; at worst a power cut loses the last commits, which the next sync reads again) and a
/// busy timeout so that two writers wait for each other instead of failing.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
