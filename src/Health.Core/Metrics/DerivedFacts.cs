using System.Text.Json;
using Health.Core.GitHub;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Health.Core.Metrics;

/// <summary>
/// Facts the metrics need that span several tables, kept in the database rather than computed on every page view: each
/// PR's first response and first review, each issue's first response (by a human who is not the author), and the days each
/// account contributed. A sync derives them for exactly the items each page it commits touched, in that page's transaction
/// (<see cref="DeriveTouchedAsync"/>), so the work follows the size of the change and a crash never leaves them half-applied.
/// Every derivation moves the repository's <see cref="DerivedState.Sequence"/> on and stamps the rows it wrote with it, so a
/// reader that keeps the facts in memory reads again only what is newer (<see cref="VersionsAsync"/>). The whole repository
/// is derived again (<see cref="DeriveStaleAsync"/>, a background job's work, never a view's) only when the rules the facts
/// were derived with changed (<c>GitHub:ExtraBotLogins</c>, or this code's own version) or were never recorded.
/// </summary>
public sealed class DerivedFacts(IDbContextFactory<HealthDb> dbFactory, WriteGate writeGate, IOptions<GitHubOptions> options, IOptions<IntakeOptions> intake)
{
    /// <summary>The columns of pull requests and issues that only a derivation writes (a collector's upsert leaves them alone).</summary>
    public static readonly IReadOnlySet<string> Columns = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(PullRequest.FirstResponseAt), nameof(PullRequest.FirstReviewAt), nameof(PullRequest.IsAgent), nameof(PullRequest.Responses),
        nameof(PullRequest.FactsSequence),
    };

    /// <summary>The rules facts derived now follow (bots, agents); a repository whose facts were derived under others is derived again.</summary>
    public DerivationRules Rules => new(options.Value.ExtraBotLogins, intake.Value.EffectiveAgentLogins, intake.Value.EffectiveAgentMarkers);

    /// <summary>The fingerprint of <see cref="Rules"/> recorded with each repository's facts.</summary>
    public string CurrentRules => Rules.Key;

    /// <summary>Where the facts of each of <paramref name="repositoryIds"/> stand (read only: nothing is derived here).</summary>
    public async Task<IReadOnlyList<FactsVersion>> VersionsAsync(IReadOnlyCollection<int> repositoryIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadVersionsAsync(db, repositoryIds, CurrentRules, ct);
    }

    /// <summary>The versions of <paramref name="repositoryIds"/> (in id order) against <paramref name="rules"/>, read through <paramref name="db"/>.</summary>
    internal static async Task<IReadOnlyList<FactsVersion>> ReadVersionsAsync(HealthDb db, IReadOnlyCollection<int> repositoryIds, string rules, CancellationToken ct)
    {
        var states = await db.DerivedStates.AsNoTracking().Where(s => repositoryIds.Contains(s.RepositoryId)).ToDictionaryAsync(s => s.RepositoryId, ct);
        var synced = await db.SyncStatuses.AsNoTracking().Where(s => repositoryIds.Contains(s.RepositoryId))
            .ToDictionaryAsync(s => s.RepositoryId, s => s.LastSuccessAt, ct);
        return repositoryIds.Distinct().Order().Select(id => states.GetValueOrDefault(id) is { } state
                ? new FactsVersion(id, state.BotRules != rules, state.WholeSequence, state.Sequence, synced.GetValueOrDefault(id))
                : new FactsVersion(id, Stale: true, 0, 0, synced.GetValueOrDefault(id)))
            .ToList();
    }

    /// <summary>
    /// Derives again the whole of each repository (of <paramref name="repositoryIds"/>, or every one, tracked or kept) whose facts were
    /// derived under other rules or never recorded, one repository a transaction, reporting each as it starts. Returns how many.
    /// </summary>
    public async Task<int> DeriveStaleAsync(IReadOnlyCollection<int>? repositoryIds, IProgress<DerivationProgress>? progress, CancellationToken ct)
    {
        var rules = Rules;
        List<(int Id, string Name)> stale;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var repositories = await db.Repositories.AsNoTracking()
                .Where(r => repositoryIds == null || repositoryIds.Contains(r.Id))
                .Select(r => new { r.Id, r.Owner, r.Name })
                .ToListAsync(ct);
            var fresh = await db.DerivedStates.AsNoTracking().Where(s => s.BotRules == rules.Key).Select(s => s.RepositoryId).ToListAsync(ct);
            stale = repositories.Where(r => !fresh.Contains(r.Id)).OrderBy(r => r.Id).Select(r => (r.Id, $"{r.Owner}/{r.Name}")).ToList();
        }

        for (var i = 0; i < stale.Count; i++)
        {
            progress?.Report(new DerivationProgress(i, stale.Count, stale[i].Name));
            await DeriveWholeAsync(stale[i].Id, rules, ct);
        }

        if (stale.Count > 0)
        {
            progress?.Report(new DerivationProgress(stale.Count, stale.Count, null));
        }

        return stale.Count;
    }

    /// <summary>
    /// Derives the facts of the pull requests and issues numbered <paramref name="numbers"/> (and the activity days of their
    /// contributions), inside the caller's transaction: a sync calls it with the items a page touched, before it commits.
    /// </summary>
    public static async Task DeriveTouchedAsync(HealthDb db, int repositoryId, IReadOnlyCollection<int> numbers, DerivationRules rules, CancellationToken ct)
    {
        if (numbers.Count == 0)
        {
            return;
        }

        var sequence = await NextSequenceAsync(db, repositoryId, ct);
        var scope = JsonSerializer.Serialize(numbers);
        foreach (var sql in Derivation(SqlDialect.Of(db.Database), touched: true))
        {
            await db.Database.ExecuteSqlRawAsync(sql, [repositoryId, sequence, scope, rules.AgentLoginsJson, rules.AgentMarkersJson], ct);
        }
    }

    /// <summary>
    /// Moves the repository's derivation sequence on in one statement and returns it. On PostgreSQL the row stays locked until
    /// the caller's transaction ends, so derivations of one repository on different workers take turns and never hand out the
    /// same number or move it back. A repository whose state was never recorded gets one with no rules: it is derived whole
    /// later, as any stale one.
    /// </summary>
    private static async Task<long> NextSequenceAsync(HealthDb db, int repositoryId, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<long>(
            """
            INSERT INTO "DerivedStates" ("RepositoryId", "BotRules", "Sequence", "WholeSequence") VALUES ({0}, '', 1, 0)
            ON CONFLICT ("RepositoryId") DO UPDATE SET "Sequence" = "DerivedStates"."Sequence" + 1
            RETURNING "Sequence" AS "Value"
            """,
            repositoryId).ToListAsync(ct)).Single();

    /// <summary>Records the state of repositories tracked just now: nothing to derive yet, and every page will derive its own.</summary>
    /// <remarks>
    /// Inserted only where none is recorded, in one statement: a sync of the repository on another worker may have recorded one
    /// meanwhile (its first page's <see cref="NextSequenceAsync"/>), and that one stands.
    /// </remarks>
    public async Task StartStatesAsync(HealthDb db, IEnumerable<int> repositoryIds, CancellationToken ct)
    {
        foreach (var id in repositoryIds)
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "DerivedStates" ("RepositoryId", "BotRules", "Sequence", "WholeSequence") VALUES ({0}, {1}, 0, 0)
                ON CONFLICT ("RepositoryId") DO NOTHING
                """,
                [id, CurrentRules],
                ct);
        }
    }

    private async Task DeriveWholeAsync(int repositoryId, DerivationRules rules, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        using var gate = await writeGate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await ApplyBotRulesAsync(db, rules, ct);
        var sequence = await NextSequenceAsync(db, repositoryId, ct);
        if (await db.DerivedStates.AnyAsync(s => s.RepositoryId == repositoryId && s.BotRules == rules.Key, ct))
        {
            // Derived meanwhile (another job got there first, while this one waited at the gate or the row's lock).
            return;
        }

        foreach (var sql in Derivation(SqlDialect.Of(db.Database), touched: false))
        {
            await db.Database.ExecuteSqlRawAsync(sql, [repositoryId, sequence, "[]", rules.AgentLoginsJson, rules.AgentMarkersJson], ct);
        }

        await db.DerivedStates.Where(s => s.RepositoryId == repositoryId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.BotRules, rules.Key).SetProperty(s => s.WholeSequence, sequence), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>METRICS.md's bot rule, applied to every account with the configured extra logins.</summary>
    private static async Task ApplyBotRulesAsync(HealthDb db, DerivationRules rules, CancellationToken ct)
    {
        var extra = rules.ExtraBotLoginsJson;
        // Only the dialect's fixed text is spliced in; the logins are a parameter. Only the accounts whose flags change are
        // written (and, on PostgreSQL, locked): a sync page upserting accounts on another worker does not wait on all of them.
        var isBot = $$"""("Type" = 'Bot' OR lower("Login") LIKE '%[bot]' OR lower("Login") IN {{SqlDialect.Of(db.Database).Texts("{0}")}})""";
        const string IsDeleted = """(lower("Login") = 'ghost')""";
        var sql = $"""
            UPDATE "Accounts" SET "IsBot" = {isBot}, "IsDeleted" = {IsDeleted}
            WHERE "IsBot" <> {isBot} OR "IsDeleted" <> {IsDeleted}
            """;
        await db.Database.ExecuteSqlRawAsync(sql, [extra], ct);
    }

    /// <summary>
    /// The derivation rules, in SQL both providers run (<paramref name="sql"/> spells the few differences), over parameters {0} (the repository), {1} (the derivation's sequence, stamped on what it
    /// writes), {2} (a JSON array of item numbers), {3} and {4} (JSON arrays of the agent logins and markers, lower case).
    /// Each rule is written once and runs over the whole repository, or (<paramref name="touched"/>) over the items numbered
    /// in {2} only. Markers are matched ignoring ASCII case (SQLite's lower()), as logins are; a bot's login matches an agent
    /// login with or without its <c>[bot]</c> suffix (GraphQL gives none, and REST gives some bots none either: <c>Copilot</c>).
    /// A responder is an account that is neither a bot nor deleted nor the author; a PR by a deleted author (no author id) may
    /// be answered by anyone else who qualifies. PENDING reviews never count. MIN over timestamps is chronological on both (EF
    /// stores SQLite's as text, 'yyyy-MM-dd HH:mm:ss'). Activity days only grow between whole derivations (a deleted review's day stays
    /// until the next one).
    /// </summary>
    private static IEnumerable<string> Derivation(SqlDialect sql, bool touched)
    {
        string Only(string column) => touched ? $$""" AND "{{column}}" IN {{sql.Integers("{2}")}}""" : string.Empty;
        var agentLogins = sql.Texts("{3}");
        string[] rules =
        [
            $$"""
            UPDATE "PullRequests" SET "FirstReviewAt" = (
                SELECT MIN(r."SubmittedAt") FROM "Reviews" r JOIN "Accounts" a ON a."Id" = r."AuthorId"
                WHERE r."RepositoryId" = "PullRequests"."RepositoryId" AND r."PullNumber" = "PullRequests"."Number"
                  AND r."State" <> 'PENDING' AND r."SubmittedAt" IS NOT NULL AND NOT a."IsBot" AND NOT a."IsDeleted"
                  AND ("PullRequests"."AuthorId" IS NULL OR r."AuthorId" <> "PullRequests"."AuthorId")),
                "FactsSequence" = {1}
            WHERE "RepositoryId" = {0}{{Only("Number")}}
            """,
            $$"""
            UPDATE "PullRequests" SET "FirstResponseAt" = (
                SELECT MIN(t) FROM (
                    SELECT "PullRequests"."FirstReviewAt" AS t
                    UNION ALL
                    SELECT MIN(c."CreatedAt") FROM "IssueComments" c JOIN "Accounts" a ON a."Id" = c."AuthorId"
                    WHERE c."RepositoryId" = "PullRequests"."RepositoryId" AND c."Number" = "PullRequests"."Number"
                      AND NOT a."IsBot" AND NOT a."IsDeleted"
                      AND ("PullRequests"."AuthorId" IS NULL OR c."AuthorId" <> "PullRequests"."AuthorId")
                    UNION ALL
                    SELECT MIN(c."CreatedAt") FROM "ReviewComments" c JOIN "Accounts" a ON a."Id" = c."AuthorId"
                    WHERE c."RepositoryId" = "PullRequests"."RepositoryId" AND c."PullNumber" = "PullRequests"."Number"
                      AND NOT a."IsBot" AND NOT a."IsDeleted"
                      AND ("PullRequests"."AuthorId" IS NULL OR c."AuthorId" <> "PullRequests"."AuthorId")) AS candidates)
            WHERE "RepositoryId" = {0}{{Only("Number")}}
            """,
            $$"""
            UPDATE "PullRequests" SET
                "IsAgent" = (
                    EXISTS (SELECT 1 FROM "Accounts" a WHERE a."Id" = "PullRequests"."AuthorId"
                        AND (lower(a."Login") IN {{agentLogins}}
                             OR (lower(a."Login") LIKE '%[bot]' AND substr(lower(a."Login"), 1, length(a."Login") - 5) IN {{agentLogins}})))
                    OR EXISTS (SELECT 1 FROM {{sql.Texts("{4}")}} m WHERE {{sql.Contains("lower(COALESCE(\"PullRequests\".\"Body\", ''))", "m.value")}})),
                "Responses" =
                    (SELECT COUNT(*) FROM "Reviews" r JOIN "Accounts" a ON a."Id" = r."AuthorId"
                     WHERE r."RepositoryId" = "PullRequests"."RepositoryId" AND r."PullNumber" = "PullRequests"."Number"
                       AND r."State" <> 'PENDING' AND r."SubmittedAt" IS NOT NULL AND NOT a."IsBot" AND NOT a."IsDeleted"
                       AND ("PullRequests"."AuthorId" IS NULL OR r."AuthorId" <> "PullRequests"."AuthorId"))
                  + (SELECT COUNT(*) FROM "IssueComments" c JOIN "Accounts" a ON a."Id" = c."AuthorId"
                     WHERE c."RepositoryId" = "PullRequests"."RepositoryId" AND c."Number" = "PullRequests"."Number"
                       AND NOT a."IsBot" AND NOT a."IsDeleted"
                       AND ("PullRequests"."AuthorId" IS NULL OR c."AuthorId" <> "PullRequests"."AuthorId"))
                  + (SELECT COUNT(*) FROM "ReviewComments" c JOIN "Accounts" a ON a."Id" = c."AuthorId"
                     WHERE c."RepositoryId" = "PullRequests"."RepositoryId" AND c."PullNumber" = "PullRequests"."Number"
                       AND NOT a."IsBot" AND NOT a."IsDeleted"
                       AND ("PullRequests"."AuthorId" IS NULL OR c."AuthorId" <> "PullRequests"."AuthorId"))
            WHERE "RepositoryId" = {0}{{Only("Number")}}
            """,
            $$"""
            UPDATE "Issues" SET "FirstResponseAt" = (
                SELECT MIN(c."CreatedAt") FROM "IssueComments" c JOIN "Accounts" a ON a."Id" = c."AuthorId"
                WHERE c."RepositoryId" = "Issues"."RepositoryId" AND c."Number" = "Issues"."Number"
                  AND NOT a."IsBot" AND NOT a."IsDeleted"
                  AND ("Issues"."AuthorId" IS NULL OR c."AuthorId" <> "Issues"."AuthorId")),
                "FactsSequence" = {1}
            WHERE "RepositoryId" = {0}{{Only("Number")}}
            """,
            """DELETE FROM "ActivityDays" WHERE "RepositoryId" = {0}""",
            $$"""
            INSERT INTO "ActivityDays" ("RepositoryId", "AccountId", "Day", "Sequence")
            SELECT DISTINCT {0}, a, {{sql.Day("t")}}, {1} FROM (
                SELECT "AuthorId" AS a, "CreatedAt" AS t FROM "PullRequests" WHERE "RepositoryId" = {0} AND "AuthorId" IS NOT NULL{{Only("Number")}}
                UNION ALL SELECT "AuthorId", "SubmittedAt" FROM "Reviews"
                    WHERE "RepositoryId" = {0} AND "AuthorId" IS NOT NULL AND "State" <> 'PENDING' AND "SubmittedAt" IS NOT NULL{{Only("PullNumber")}}
                UNION ALL SELECT "AuthorId", "CreatedAt" FROM "Issues" WHERE "RepositoryId" = {0} AND "AuthorId" IS NOT NULL{{Only("Number")}}
                UNION ALL SELECT "AuthorId", "CreatedAt" FROM "IssueComments" WHERE "RepositoryId" = {0} AND "AuthorId" IS NOT NULL{{Only("Number")}}
                UNION ALL SELECT "AuthorId", "CreatedAt" FROM "ReviewComments" WHERE "RepositoryId" = {0} AND "AuthorId" IS NOT NULL{{Only("PullNumber")}}) AS contributions
            WHERE true
            ON CONFLICT DO NOTHING
            """,
        ];

        // Between whole derivations activity days only grow: the days of the touched items are added, none removed.
        return touched ? rules.Where(r => !r.StartsWith("DELETE", StringComparison.Ordinal)) : rules;
    }
}
