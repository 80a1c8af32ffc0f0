using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Health.Core.Storage;

/// <summary>
/// Writes a page of rows in a few statements: <c>INSERT ... VALUES (...), (...) ON CONFLICT (key) DO UPDATE</c>,
/// updating only rows whose values differ. Columns and conversions come from the EF Core model, so the rows read
/// back through EF exactly as if EF had written them. A row at a time through the change tracker costs ten times more.
/// </summary>
internal static class BulkUpsert
{
    // Microsoft.Data.Sqlite finds each named parameter by a linear search: a statement costs the square of its parameters.
    // (PostgreSQL takes at most 65,535 parameters a statement; this stays far below.)
    private const int MaxParameters = 2_000;

    /// <summary>Upserts <paramref name="rows"/>; returns how many rows were inserted or changed.</summary>
    /// <param name="keepWhenNull">Properties whose stored value is kept when the new one is null.</param>
    /// <param name="newerOnly">A property (a moment of last change) that must not go back: a row read earlier than the stored one is not written over it.</param>
    public static async Task<int> UpsertAsync<T>(HealthDb db, IReadOnlyCollection<T> rows, IReadOnlySet<string>? keepWhenNull, CancellationToken ct, string? newerOnly = null)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        var key = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)!).ToList();
        var differs = SqlDialect.Of(db.Database).Differs;
        var affected = 0;

        // In key order: two writers upserting overlapping rows (two workers meeting the same accounts) lock them in the same
        // order, so on PostgreSQL one waits for the other instead of both deadlocking.
        var keyGetters = entity.FindPrimaryKey()!.Properties.Select(p => p.GetGetter()).ToList();
        var ordered = rows.OrderBy(r => keyGetters[0].GetClrValue(r), Comparer<object?>.Default);
        foreach (var getter in keyGetters.Skip(1))
        {
            ordered = ordered.ThenBy(r => getter.GetClrValue(r), Comparer<object?>.Default);
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var chunk in ordered.Chunk(Math.Max(1, MaxParameters / properties.Count)))
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                var parameters = 0;
                var sql = new StringBuilder();
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO \"{table}\" (")
                    .AppendJoin(", ", properties.Select(p => $"\"{p.GetColumnName(store)}\""))
                    .Append(") VALUES ");
                for (var r = 0; r < chunk.Length; r++)
                {
                    sql.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < properties.Count; c++)
                    {
                        var parameter = Parameter(command, properties[c], chunk[r], parameters++);
                        command.Parameters.Add(parameter);
                        sql.Append(c == 0 ? string.Empty : ", ").Append(parameter.ParameterName);
                    }

                    sql.Append(')');
                }

                // The derived columns are the derivation's to write (in the same transaction): a collector's row neither
                // overwrites them nor counts as changed by them.
                var updates = properties.Where(p => !p.IsPrimaryKey() && !Metrics.DerivedFacts.Columns.Contains(p.Name)).Select(p =>
                {
                    var column = $"\"{p.GetColumnName(store)}\"";
                    var incoming = keepWhenNull?.Contains(p.Name) == true ? $"COALESCE(excluded.{column}, \"{table}\".{column})" : $"excluded.{column}";
                    return (Set: $"{column} = {incoming}", Changed: $"\"{table}\".{column} {differs} {incoming}");
                }).ToList();
                sql.Append(" ON CONFLICT (").AppendJoin(", ", key.Select(k => $"\"{k}\"")).Append(") DO UPDATE SET ")
                    .AppendJoin(", ", updates.Select(u => u.Set))
                    .Append(" WHERE (").AppendJoin(" OR ", updates.Select(u => u.Changed)).Append(')');
                if (newerOnly is not null)
                {
                    var column = $"\"{entity.FindProperty(newerOnly)!.GetColumnName(store)}\"";
                    sql.Append(CultureInfo.InvariantCulture, $" AND excluded.{column} >= \"{table}\".{column}");
                }
                // Executed directly on EF's connection and transaction: EF's raw-SQL path checks each parameter name against
                // all the others, which is quadratic in a statement of thousands of parameters.
                command.CommandText = sql.ToString();
                affected += await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return affected;
    }

    /// <summary>A parameter made by the property's own type mapping: the same conversion and format EF uses when it writes.</summary>
    private static DbParameter Parameter(DbCommand command, IProperty property, object row, int index) =>
        ((RelationalTypeMapping)property.GetRelationalTypeMapping())
            .CreateParameter(command, "@u" + index.ToString(CultureInfo.InvariantCulture), property.GetGetter().GetClrValue(row), property.IsNullable);
}
