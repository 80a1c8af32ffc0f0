using Health.Core.GitHub.Dto;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>Upserts the accounts met on one page, keyed by GitHub id; the login seen last wins (accounts get renamed).</summary>
internal static class AccountUpserter
{
    /// <summary>Returns the id to store as author, or null for a deleted (null) or malformed user.</summary>
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

        if (seen.Count == 0)
        {
            return;
        }

        var ids = seen.Keys.ToList();
        var existing = await db.Accounts.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var (id, user) in seen)
        {
            var login = user.Login!;
            var type = string.IsNullOrEmpty(user.Type) ? "User" : user.Type;
            if (!existing.TryGetValue(id, out var account))
            {
                account = new Account { Id = id, Login = login, Type = type };
                db.Accounts.Add(account);
            }

            account.Login = login;
            account.Type = type;
            account.IsBot = bots.IsBot(type, login);
            account.IsDeleted = BotPolicy.IsDeletedPlaceholder(login);
        }
    }

    public static long? AuthorId(UserDto? user) => user is { Id: > 0, Login.Length: > 0 } ? user.Id : null;
}
