using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Health.Core.Storage;

/// <summary>
/// The few places where SQLite and PostgreSQL spell the same SQL differently, each written once here; the raw SQL of the
/// derivation, the facts reader and the bulk upserts is otherwise the same text on both. Booleans are written so that both
/// read them (<c>NOT x</c>, <c>FALSE</c>), never compared with 0 or 1.
/// </summary>
internal sealed class SqlDialect
{
    private readonly bool _postgres;

    private SqlDialect(bool postgres) => _postgres = postgres;

    public static readonly SqlDialect Sqlite = new(postgres: false);

    public static readonly SqlDialect Postgres = new(postgres: true);

    public static SqlDialect Of(DatabaseFacade database) => database.IsNpgsql() ? Postgres : Sqlite;

    /// <summary>A JSON array of strings (a parameter such as <c>{3}</c>) as a subquery of one column, <c>value</c>.</summary>
    public string Texts(string json) => _postgres
        ? $"(SELECT jsonb_array_elements_text(CAST({json} AS jsonb)) AS value)"
        : $"(SELECT value FROM json_each({json}))";

    /// <summary>A JSON array of integers (a parameter such as <c>{2}</c>) as a subquery of one column, <c>value</c>.</summary>
    public string Integers(string json) => _postgres
        ? $"(SELECT CAST(jsonb_array_elements_text(CAST({json} AS jsonb)) AS integer) AS value)"
        : $"(SELECT value FROM json_each({json}))";

    /// <summary>The UTC day (midnight) of a timestamp column, in the column's own type.</summary>
    public string Day(string timestamp) => _postgres
        ? $"date_trunc('day', {timestamp}, 'UTC')"
        : $"date({timestamp}) || ' 00:00:00'";

    /// <summary>Whether <paramref name="haystack"/> contains <paramref name="needle"/> (case-sensitive; lower both to ignore case).</summary>
    public string Contains(string haystack, string needle) => _postgres
        ? $"strpos({haystack}, {needle}) > 0"
        : $"instr({haystack}, {needle}) > 0";

    /// <summary>
    /// A join whose tables are read in the order written. SQLite's planner keeps a CROSS JOIN's order (and takes an ON with
    /// it); PostgreSQL plans an inner join by cost and has no CROSS JOIN ... ON.
    /// </summary>
    public string OrderedJoin => _postgres ? "JOIN" : "CROSS JOIN";

    /// <summary>The comparison that is true when two values differ, NULLs included.</summary>
    public string Differs => _postgres ? "IS DISTINCT FROM" : "IS NOT";
}
