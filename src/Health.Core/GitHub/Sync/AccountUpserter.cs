using Health.Core.GitHub.Dto;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>
/// Upserts the accounts met on one page, keyed by GitHub id; the login seen last wins (accounts get renamed).
/// Accounts are shared by every repository and stream, which may be written side by side (two lanes, several
/// workers), so this is one SQL upsert inside the page's transaction, never a read-then-insert that two writers could both win.
/// </summary>
internal static class AccountUpserter
{
    public static async Task UpsertAsync(HealthDb db, IEnumerable<UserDto?> users, BotPolicy bots, CancellationToken ct)
    {
        var rows = new Dictionary<long, Account>();
        foreach (var user in users)
        {
            if (AuthorId(user) is { } id)
            {
                var login = user!.Login!;
                var type = string.IsNullOrEmpty(user.Type) ? "User" : user.Type;
                rows[id] = new Account
                {
                    Id = id,
                    Login = login,
                    Type = type,
                    IsBot = bots.IsBot(type, login),
                    IsDeleted = BotPolicy.IsDeletedPlaceholder(login),
                };
            }
        }

        await MarkFlippedAsync(db, rows, ct);
        await BulkUpsert.UpsertAsync(db, rows.Values, null, ct);
    }

    /// <summary>
    /// An account that turns bot or human (a rename into or out of <c>GitHub:ExtraBotLogins</c>, a new type) or deleted changes the
    /// facts of every repository it contributed to, well beyond this page: their facts are marked stale (derived under other rules),
    /// so that they are derived again whole, as after a change of rules.
    /// </summary>
    private static async Task MarkFlippedAsync(HealthDb db, Dictionary<long, Account> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var ids = rows.Keys.ToList();
        var stored = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.IsBot, a.IsDeleted }).ToListAsync(ct);
        var flipped = stored.Where(a => rows[a.Id].IsBot != a.IsBot || rows[a.Id].IsDeleted != a.IsDeleted).Select(a => a.Id).ToList();
        if (flipped.Count > 0)
        {
            await db.DerivedStates
                .Where(d => db.ActivityDays.Any(day => day.RepositoryId == d.RepositoryId && flipped.Contains(day.AccountId)))
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.BotRules, string.Empty), ct);
        }
    }

    /// <summary>
    /// The id to store as author: null for a deleted account — REST's placeholder <c>ghost</c>, GraphQL's <c>author: null</c>,
    /// so both APIs store the same — or a user without id or login.
    /// </summary>
    public static long? AuthorId(UserDto? user) => user is { Id: > 0, Login.Length: > 0 } && !BotPolicy.IsDeletedPlaceholder(user.Login) ? user.Id : null;
}
