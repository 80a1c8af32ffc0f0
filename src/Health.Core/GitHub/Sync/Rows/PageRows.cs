using Health.Core.GitHub.Dto;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync.Rows;

/// <summary>
/// The staging rule every kind of row follows, in one place: an item is stored once per GitHub id (the first well-formed
/// one on the page); an item GitHub sent without what its row needs (an id among it) is counted as malformed and skipped; the accounts of
/// every item are upserted with the page; the pull requests and issues the rows belong to are touched (their facts are
/// derived again); and the rows are upserted, counting how many were new.
/// </summary>
internal static class PageRows
{
    /// <summary>Stages the rows of <paramref name="items"/> in <paramref name="c"/> and returns them.</summary>
    /// <param name="stored">The table of <typeparamref name="TRow"/> (its key: <c>Id</c>), to count the rows already stored.</param>
    /// <param name="keepWhenNull">Columns an incoming null does not overwrite.</param>
    /// <param name="newerOnly">The column by which a stored row changed later than the incoming one is kept.</param>
    public static async Task<List<TRow>> StageAsync<TItem, TRow>(
        PageContext c,
        IReadOnlyList<TItem> items,
        Func<TItem, long> id,
        Func<TItem, bool> wellFormed,
        Func<TItem, TRow> row,
        Func<TItem, UserDto?> author,
        Func<TRow, int> number,
        DbSet<TRow> stored,
        CancellationToken ct,
        IReadOnlySet<string>? keepWhenNull = null,
        string? newerOnly = null)
        where TRow : class
    {
        var kept = items.Where(wellFormed).DistinctBy(id).ToList();
        var rows = kept.Select(row).ToList();
        // Items without an id are each one malformed item; those with one are counted once however often the page repeats them.
        c.Counts.CountMalformed(items.Count(i => id(i) <= 0) + items.Where(i => id(i) > 0).DistinctBy(id).Count() - rows.Count);
        c.Accounts.AddRange(items.Select(author));
        c.Touched.UnionWith(rows.Select(number));
        var ids = kept.Select(id).ToList();
        var existing = ids.Count == 0 ? 0 : await stored.CountAsync(r => ids.Contains(EF.Property<long>(r, "Id")), ct);
        c.Upsert(typeof(TRow).Name, rows, existing, keepWhenNull, newerOnly);
        return rows;
    }
}
