using System.Globalization;
using Health.Core.Storage;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Tests.Infrastructure;

/// <summary>Every collected row of a database, every column, as sorted lines: two databases filled from the same world compare line by line.</summary>
public static class TableDump
{
    /// <summary>
    /// The columns left out: our own key of the repository, what only one collector can see (sizes), and which derivation
    /// wrote a row's facts last (it follows how the pages fell, not what they held).
    /// </summary>
    private static readonly HashSet<string> Skipped =
        [nameof(PullRequest.RepositoryId), nameof(PullRequest.Additions), nameof(PullRequest.Deletions), nameof(PullRequest.ChangedFiles), nameof(PullRequest.FactsSequence)];

    public static async Task<Dictionary<string, List<string>>> ReadAsync(HealthDb db) => new()
    {
        [nameof(PullRequest)] = Lines(db, await db.PullRequests.AsNoTracking().ToListAsync()),
        [nameof(Review)] = Lines(db, await db.Reviews.AsNoTracking().ToListAsync()),
        [nameof(IssueComment)] = Lines(db, await db.IssueComments.AsNoTracking().ToListAsync()),
        [nameof(ReviewComment)] = Lines(db, await db.ReviewComments.AsNoTracking().ToListAsync()),
        [nameof(Issue)] = Lines(db, await db.Issues.AsNoTracking().ToListAsync()),
        [nameof(Account)] = Lines(db, await db.Accounts.AsNoTracking().ToListAsync()),
    };

    /// <summary>Asserts the two dumps are equal, naming the first table and row that differ.</summary>
    public static void Equal(Dictionary<string, List<string>> expected, Dictionary<string, List<string>> actual)
    {
        foreach (var (table, rows) in expected)
        {
            Assert.True(rows.Count > 0 || table == nameof(ReviewComment), $"{table} is empty: the comparison would prove nothing");
            Assert.Equal(rows, actual[table]);
        }
    }

    private static List<string> Lines<T>(HealthDb db, List<T> rows)
        where T : class
    {
        var properties = db.Model.FindEntityType(typeof(T))!.GetProperties()
            .Where(p => !Skipped.Contains(p.Name) && p.PropertyInfo is not null)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        return rows
            .Select(r => string.Join('|', properties.Select(p => $"{p.Name}={Format(p.PropertyInfo!.GetValue(r))}")))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string Format(object? value) => value switch
    {
        null => "-",
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };
}
