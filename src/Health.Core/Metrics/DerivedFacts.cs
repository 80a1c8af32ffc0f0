using System.Text.Json;
using Health.Core.GitHub;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Core.Metrics;

/// <summary>
/// Facts the metrics need that span several tables, computed in the database after a sync rather than on every
/// page view: each PR's first response and first review, each issue's first response (by a human who is not the
/// author), and the days each account contributed. They are derived again whenever a sync has finished since,
/// or the bot rules (<c>GitHub:ExtraBotLogins</c>) changed.
/// </summary>
public sealed class DerivedFacts(IDbContextFactory<HealthDb> dbFactory, WriteGate writeGate, IOptions<GitHubOptions> options)
{
    /// <summary>
    /// Derives the facts of the repositories whose facts are stale. Returns a version of the facts: it changes
    /// exactly when they are derived again, so a cache of what was read from them can be keyed on it.
    /// </summary>
    public async Task<string> EnsureFreshAsync(IReadOnlyCollection<int> repositoryIds, CancellationToken ct)
    {
        var rules = BotRules();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var finished = await db.SyncStatuses.Where(s => repositoryIds.Contains(s.RepositoryId))
            .ToDictionaryAsync(s => s.RepositoryId, s => s.FinishedAt, ct);
        var states = await db.DerivedStates.Where(s => repositoryIds.Contains(s.RepositoryId)).ToDictionaryAsync(s => s.RepositoryId, ct);
        foreach (var id in repositoryIds)
        {
            var state = states.GetValueOrDefault(id);
            if (state is null || state.BotRules != rules || state.SyncFinishedAt != finished.GetValueOrDefault(id))
            {
                await RefreshAsync(id, finished.GetValueOrDefault(id), rules, ct);
            }
        }

        return rules + "|" + string.Join(",", repositoryIds.Order().Select(id => $"{id}@{finished.GetValueOrDefault(id)?.Ticks}"));
    }

    private async Task RefreshAsync(int repositoryId, DateTime? syncFinishedAt, string rules, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        using var gate = await writeGate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await ApplyBotRulesAsync(db, ct);
        foreach (var sql in DerivationSql)
        {
            await db.Database.ExecuteSqlRawAsync(sql, [repositoryId], ct);
        }

        var state = await db.DerivedStates.SingleOrDefaultAsync(s => s.RepositoryId == repositoryId, ct);
        if (state is null)
        {
            state = new DerivedState { RepositoryId = repositoryId, BotRules = rules };
            db.DerivedStates.Add(state);
        }

        state.BotRules = rules;
        state.SyncFinishedAt = syncFinishedAt;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>METRICS.md's bot rule, applied to every account with the configured extra logins.</summary>
    private async Task ApplyBotRulesAsync(HealthDb db, CancellationToken ct)
    {
        var extra = JsonSerializer.Serialize(options.Value.ExtraBotLogins.Select(l => l.Trim().ToLowerInvariant()));
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE "Accounts" SET
                "IsBot" = ("Type" = 'Bot' OR lower("Login") LIKE '%[bot]' OR lower("Login") IN (SELECT value FROM json_each({0}))),
                "IsDeleted" = (lower("Login") = 'ghost')
            """,
            [extra],
            ct);
    }

    private string BotRules() =>
        "v1:" + string.Join(",", options.Value.ExtraBotLogins.Select(l => l.Trim().ToLowerInvariant()).Order(StringComparer.Ordinal));

    /// <summary>
    /// SQLite. A responder is an account that is neither a bot nor deleted nor the author; a PR by a deleted
    /// author (no author id) may be answered by anyone else who qualifies. PENDING reviews never count.
    /// MIN over text timestamps is chronological: EF stores them as 'yyyy-MM-dd HH:mm:ss'.
    /// </summary>
    private static readonly string[] DerivationSql =
    [
        """
        UPDATE "PullRequests" SET "FirstReviewAt" = (
            SELECT MIN(r."SubmittedAt") FROM "Reviews" r JOIN "Accounts" a ON a."Id" = r."AuthorId"
            WHERE r."RepositoryId" = "PullRequests"."RepositoryId" AND r."PullNumber" = "PullRequests"."Number"
              AND r."State" <> 'PENDING' AND r."SubmittedAt" IS NOT NULL AND a."IsBot" = 0 AND a."IsDeleted" = 0
              AND ("PullRequests"."AuthorId" IS NULL OR r."AuthorId" <> "PullRequests"."AuthorId"))
        WHERE "RepositoryId" = {0}
        """,
        """
        UPDATE "PullRequests" SET "FirstResponseAt" = (
            SELECT MIN(t) FROM (
                SELECT "PullRequests"."FirstReviewAt" AS t
                UNION ALL
                SELECT MIN(c."CreatedAt") FROM "IssueComments" c JOIN "Accounts" a ON a."Id" = c."AuthorId"
                WHERE c."RepositoryId" = "PullRequests"."RepositoryId" AND c."Number" = "PullRequests"."Number"
                  AND a."IsBot" = 0 AND a."IsDeleted" = 0
                  AND ("PullRequests"."AuthorId" IS NULL OR c."AuthorId" <> "PullRequests"."AuthorId")
                UNION ALL
                SELECT MIN(c."CreatedAt") FROM "ReviewComments" c JOIN "Accounts" a ON a."Id" = c."AuthorId"
                WHERE c."RepositoryId" = "PullRequests"."RepositoryId" AND c."PullNumber" = "PullRequests"."Number"
                  AND a."IsBot" = 0 AND a."IsDeleted" = 0
                  AND ("PullRequests"."AuthorId" IS NULL OR c."AuthorId" <> "PullRequests"."AuthorId")))
        WHERE "RepositoryId" = {0}
        """,
        """
        UPDATE "Issues" SET "FirstResponseAt" = (
            SELECT MIN(c."CreatedAt") FROM "IssueComments" c JOIN "Accounts" a ON a."Id" = c."AuthorId"
            WHERE c."RepositoryId" = "Issues"."RepositoryId" AND c."Number" = "Issues"."Number"
              AND a."IsBot" = 0 AND a."IsDeleted" = 0
              AND ("Issues"."AuthorId" IS NULL OR c."AuthorId" <> "Issues"."AuthorId"))
        WHERE "RepositoryId" = {0}
        """,
        """DELETE FROM "ActivityDays" WHERE "RepositoryId" = {0}""",
        """
        INSERT INTO "ActivityDays" ("RepositoryId", "AccountId", "Day")
        SELECT DISTINCT {0}, a, date(t) || ' 00:00:00' FROM (
            SELECT "AuthorId" AS a, "CreatedAt" AS t FROM "PullRequests" WHERE "RepositoryId" = {0} AND "AuthorId" IS NOT NULL
            UNION ALL SELECT "AuthorId", "SubmittedAt" FROM "Reviews"
                WHERE "RepositoryId" = {0} AND "AuthorId" IS NOT NULL AND "State" <> 'PENDING' AND "SubmittedAt" IS NOT NULL
            UNION ALL SELECT "AuthorId", "CreatedAt" FROM "Issues" WHERE "RepositoryId" = {0} AND "AuthorId" IS NOT NULL
            UNION ALL SELECT "AuthorId", "CreatedAt" FROM "IssueComments" WHERE "RepositoryId" = {0} AND "AuthorId" IS NOT NULL
            UNION ALL SELECT "AuthorId", "CreatedAt" FROM "ReviewComments" WHERE "RepositoryId" = {0} AND "AuthorId" IS NOT NULL)
        """,
    ];
}
