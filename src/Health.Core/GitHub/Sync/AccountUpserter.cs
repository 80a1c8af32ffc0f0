using Health.Core.GitHub.Dto;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// Upserts the accounts met on one page, keyed by GitHub id; the login seen last wins (accounts get renamed).
/// Accounts are shared by every repository and stream, which may be written side by side (two lanes, several
/// workers), so this is one SQL upsert (<c>INSERT ... ON CONFLICT DO UPDATE</c>, in SQLite and PostgreSQL alike)
/// inside the page's transaction, not a read-then-insert that two writers could both win.
/// </summary>
internal static class AccountUpserter
{
    private const int Columns = 5;

    public static async Task UpsertAsync(HealthDb db, IEnumerable<UserDto?> users, BotPolicy bots, CancellationToken ct)
    {
        var seen = new Dictionary<long, UserDto>();
        foreach (var user in users)
        {
            if (AuthorId(user) is { } id)
            {
                seen[id] = user!;
            }
        }

        // SQLite allows 32,766 parameters per statement; stay far below.
        foreach (var chunk in seen.Values.Chunk(500))
        {
            await db.Database.ExecuteSqlRawAsync(Sql(db, chunk.Length), Values(chunk, bots), ct);
        }
    }

    public static long? AuthorId(UserDto? user) => user is { Id: > 0, Login.Length: > 0 } ? user.Id : null;

    private static IEnumerable<object> Values(UserDto[] users, BotPolicy bots)
    {
        foreach (var user in users)
        {
            var login = user.Login!;
            var type = string.IsNullOrEmpty(user.Type) ? "User" : user.Type;
            yield return user.Id;
            yield return login;
            yield return type;
            yield return bots.IsBot(type, login);
            yield return BotPolicy.IsDeletedPlaceholder(login);
        }
    }

    private static string Sql(HealthDb db, int rows)
    {
        var entity = db.Model.FindEntityType(typeof(Account))!;
        var table = entity.GetTableName();
        var rowsSql = string.Join(", ", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(", ", Enumerable.Range(r * Columns, Columns).Select(i => "{" + i + "}")) + ")"));
        return $"""
            INSERT INTO "{table}" ("Id", "Login", "Type", "IsBot", "IsDeleted") VALUES {rowsSql}
            ON CONFLICT ("Id") DO UPDATE SET "Login" = excluded."Login", "Type" = excluded."Type",
                "IsBot" = excluded."IsBot", "IsDeleted" = excluded."IsDeleted"
            """;
    }
}
