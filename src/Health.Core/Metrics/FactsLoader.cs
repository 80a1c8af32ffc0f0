using System.Data.Common;
using System.Globalization;
using Health.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Health.Core.Metrics;

/// <summary>
/// Reads the facts of one repository in a few narrow queries. The row-heavy ones go through a plain
/// data reader: materialising 100,000 PRs through EF costs three times more than the query itself, most of it in
/// turning SQLite's text timestamps into dates, which <see cref="ReadTime"/> does directly.
/// </summary>
internal static class FactsLoader
{
    /// <summary>
    /// The facts of one repository: all of them, or (<paramref name="since"/>) only the items and days derived after that
    /// sequence. Read in one snapshot, with the version it stands at, so that a later read from that version misses nothing.
    /// </summary>
    public static async Task<RepositoryFacts.Read> LoadAsync(HealthDb db, int repositoryId, string rules, long? since, CancellationToken ct)
    {
        string Newer(string alias, string column) =>
            since is { } s ? string.Create(CultureInfo.InvariantCulture, $" AND {alias}.\"{column}\" > {s}") : string.Empty;
        await db.Database.OpenConnectionAsync(ct);
        var snapshot = await ReadSnapshotAsync(db, ct);
        try
        {
            var version = (await DerivedFacts.ReadVersionsAsync(db, [repositoryId], rules, ct)).Single();
            var id = repositoryId.ToString(CultureInfo.InvariantCulture);
            var prs = await ReadAsync(db, $"""
                SELECT p."Number", p."AuthorId", COALESCE(a."IsBot", FALSE), COALESCE(a."IsDeleted", FALSE), p."CreatedAt", p."ClosedAt", p."MergedAt", p."FirstResponseAt", p."FirstReviewAt",
                       p."IsAgent", p."AuthorAssociation" IN ('OWNER', 'MEMBER', 'COLLABORATOR'), p."Responses", p."Additions" + p."Deletions"
                FROM "PullRequests" p LEFT JOIN "Accounts" a ON a."Id" = p."AuthorId"
                WHERE p."RepositoryId" = {id}{Newer("p", "FactsSequence")}
                """,
                r => (r.GetInt32(0), new PrFact(
                    r.IsDBNull(1) ? null : r.GetInt64(1), r.GetBoolean(2), r.GetBoolean(3), ReadTime(r, 4)!.Value, ReadTime(r, 5), ReadTime(r, 6), ReadTime(r, 7), ReadTime(r, 8),
                    r.GetBoolean(9), !r.IsDBNull(10) && r.GetBoolean(10), r.GetInt32(11), r.IsDBNull(12) ? null : r.GetInt32(12))),
                ct);
            var issues = await ReadAsync(db, $"""
                SELECT i."Number", COALESCE(a."IsBot", FALSE), i."CreatedAt", i."ClosedAt", i."State" = 'closed', i."FirstResponseAt"
                FROM "Issues" i LEFT JOIN "Accounts" a ON a."Id" = i."AuthorId"
                WHERE i."RepositoryId" = {id}{Newer("i", "FactsSequence")}
                """,
                r => (r.GetInt32(0), new IssueFact(r.GetBoolean(1), ReadTime(r, 2)!.Value, ReadTime(r, 3), r.GetBoolean(4), ReadTime(r, 5))),
                ct);
            var activity = await ReadAsync(db, $"""
                SELECT d."AccountId", d."Day"
                FROM "ActivityDays" d JOIN "Accounts" a ON a."Id" = d."AccountId"
                WHERE d."RepositoryId" = {id} AND NOT a."IsBot" AND NOT a."IsDeleted"{Newer("d", "Sequence")}
                """,
                r => new ActivityFact(r.GetInt64(0), ReadTime(r, 1)!.Value),
                ct);
            // From the PRs read to their reviews, in that order: after a sync, a few PRs' reviews, not a scan of them all.
            var reviews = await ReadAsync(db, $"""
                SELECT r."PullNumber", r."AuthorId", r."SubmittedAt"
                FROM "PullRequests" p
                {SqlDialect.Of(db.Database).OrderedJoin} "Reviews" r ON r."RepositoryId" = p."RepositoryId" AND r."PullNumber" = p."Number"
                JOIN "Accounts" a ON a."Id" = r."AuthorId"
                WHERE p."RepositoryId" = {id} AND r."State" <> 'PENDING' AND r."SubmittedAt" IS NOT NULL AND NOT a."IsBot" AND NOT a."IsDeleted"
                  AND (p."AuthorId" IS NULL OR p."AuthorId" <> r."AuthorId"){Newer("p", "FactsSequence")}
                """,
                r => (r.GetInt32(0), new ReviewFact(r.GetInt64(1), ReadTime(r, 2)!.Value)),
                ct);
            return new RepositoryFacts.Read(version, prs, issues, activity, reviews);
        }
        finally
        {
            // The read transaction ends (a rollback: nothing was written) before its connection closes.
            await db.Database.UseTransactionAsync(null, CancellationToken.None);
            await snapshot.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A read transaction, so that the version and the rows agree. SQLite's is deferred: a read takes no write lock (the
    /// provider's default, IMMEDIATE, would make every view wait for a sync's page, and the other way round).
    /// </summary>
    private static async Task<DbTransaction> ReadSnapshotAsync(HealthDb db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await db.Database.UseTransactionAsync(transaction, ct);
        return transaction;
    }

    private static async Task<List<T>> ReadAsync<T>(HealthDb db, string sql, Func<DbDataReader, T> map, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
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
