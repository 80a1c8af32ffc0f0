using System.Data.Common;
using System.Globalization;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Metrics;

/// <summary>
/// Reads the facts of one repository or a group in a few narrow queries. The row-heavy ones go through a plain
/// data reader: materialising 100,000 PRs through EF costs three times more than the query itself, most of it in
/// turning SQLite's text timestamps into dates, which <see cref="ReadTime"/> does directly.
/// </summary>
internal static class FactsLoader
{
    public static async Task<MetricsFacts> LoadAsync(HealthDb db, IReadOnlyCollection<int> repositoryIds, CancellationToken ct)
    {
        var ids = repositoryIds.ToList();
        var inList = string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var prs = await ReadAsync(db, $"""
                SELECT p."AuthorId", COALESCE(a."IsBot", 0), COALESCE(a."IsDeleted", 0), p."CreatedAt", p."ClosedAt", p."MergedAt", p."FirstResponseAt", p."FirstReviewAt"
                FROM "PullRequests" p LEFT JOIN "Accounts" a ON a."Id" = p."AuthorId"
                WHERE p."RepositoryId" IN ({inList})
                """,
                r => new PrFact(r.IsDBNull(0) ? null : r.GetInt64(0), r.GetBoolean(1), r.GetBoolean(2), ReadTime(r, 3)!.Value, ReadTime(r, 4), ReadTime(r, 5), ReadTime(r, 6), ReadTime(r, 7)),
                ct);
            var issues = await ReadAsync(db, $"""
                SELECT COALESCE(a."IsBot", 0), i."CreatedAt", i."ClosedAt", i."State" = 'closed', i."FirstResponseAt"
                FROM "Issues" i LEFT JOIN "Accounts" a ON a."Id" = i."AuthorId"
                WHERE i."RepositoryId" IN ({inList})
                """,
                r => new IssueFact(r.GetBoolean(0), ReadTime(r, 1)!.Value, ReadTime(r, 2), r.GetBoolean(3), ReadTime(r, 4)),
                ct);
            var activity = await ReadAsync(db, $"""
                SELECT d."AccountId", d."Day"
                FROM "ActivityDays" d JOIN "Accounts" a ON a."Id" = d."AccountId"
                WHERE d."RepositoryId" IN ({inList}) AND a."IsBot" = 0 AND a."IsDeleted" = 0
                """,
                r => new ActivityFact(r.GetInt64(0), ReadTime(r, 1)!.Value),
                ct);

            DateTime? first = prs.Count + issues.Count == 0
                ? null
                : prs.Select(p => p.CreatedAt).Concat(issues.Select(i => i.CreatedAt)).Min();
            var statuses = await db.SyncStatuses.Where(s => ids.Contains(s.RepositoryId)).Select(s => s.LastSuccessAt).ToListAsync(ct);
            DateTime? lastSync = statuses.Count == ids.Count && statuses.All(s => s is not null) ? statuses.Min() : null;
            return new MetricsFacts(prs, issues, activity, first, lastSync);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<T>> ReadAsync<T>(HealthDb db, string sql, Func<DbDataReader, T> map, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>
    /// A UTC timestamp as EF Core stores it in SQLite (<c>yyyy-MM-dd HH:mm:ss</c>, optionally <c>.fffffff</c>),
    /// parsed without culture lookups; other stores hand back a date directly.
    /// </summary>
    internal static DateTime? ReadTime(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        if (reader.GetFieldType(ordinal) != typeof(string))
        {
            return DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
        }

        var s = reader.GetString(ordinal).AsSpan();
        if (s.Length >= 19 && s[4] == '-' && s[7] == '-' && (s[10] == ' ' || s[10] == 'T') && s[13] == ':' && s[16] == ':')
        {
            var ticks = new DateTime(Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2), Digits(s, 11, 2), Digits(s, 14, 2), Digits(s, 17, 2), DateTimeKind.Utc).Ticks;
            if (s.Length > 20 && s[19] == '.')
            {
                var fraction = s[20..].TrimEnd('Z');
                ticks += Digits(fraction, 0, fraction.Length) * (long)Math.Pow(10, 7 - fraction.Length);
            }

            return new DateTime(ticks, DateTimeKind.Utc);
        }

        return DateTime.SpecifyKind(DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);
    }

    private static int Digits(ReadOnlySpan<char> s, int start, int length)
    {
        var value = 0;
        foreach (var c in s.Slice(start, length))
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
