using System.Globalization;
using Health.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.Export;

/// <summary>One row per pull request with its computed hours, streamed from the database in constant memory.</summary>
public static class PullRequestsCsv
{
    public static readonly string[] Header =
    [
        "repo", "number", "title", "author", "author_id", "author_is_bot", "state", "draft", "created_at", "closed_at", "merged_at",
        "first_response_h", "first_review_h", "merge_h",
    ];

    /// <summary>PRs created within [<paramref name="from"/>, <paramref name="to"/>] (whole UTC days) when given, ordered by repository and number.</summary>
    public static async Task<int> WriteAsync(HealthDb db, IReadOnlyList<(int Id, string Name)> repositories, DateOnly? from, DateOnly? to, TextWriter writer, CancellationToken ct)
    {
        await using var csv = CsvFormat.CreateWriter(writer);
        CsvFormat.WriteRow(csv, Header);
        var start = from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) ?? DateTime.MinValue;
        var end = to?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) ?? DateTime.MaxValue;
        var rows = 0;
        foreach (var (id, name) in repositories)
        {
            var query =
                from p in db.PullRequests.AsNoTracking()
                where p.RepositoryId == id && p.CreatedAt >= start && p.CreatedAt < end
                join a in db.Accounts on p.AuthorId equals a.Id into authors
                from a in authors.DefaultIfEmpty()
                orderby p.Number
                select new { p.Number, p.Title, Login = a != null ? a.Login : null, p.AuthorId, IsBot = a != null && a.IsBot, p.State, p.Draft, p.CreatedAt, p.ClosedAt, p.MergedAt, p.FirstResponseAt, p.FirstReviewAt };
            await foreach (var p in query.AsAsyncEnumerable().WithCancellation(ct))
            {
                CsvFormat.WriteRow(csv,
                [
                    name, p.Number.ToString(CultureInfo.InvariantCulture), p.Title, p.Login ?? string.Empty,
                    p.AuthorId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, p.IsBot ? "true" : "false", p.State,
                    p.Draft ? "true" : "false", Time(p.CreatedAt), Time(p.ClosedAt), Time(p.MergedAt),
                    Hours(p.CreatedAt, p.FirstResponseAt), Hours(p.CreatedAt, p.FirstReviewAt), Hours(p.CreatedAt, p.MergedAt),
                ]);
                if (++rows % 100 == 0)
                {
                    await csv.FlushAsync();
                }
            }
        }

        await csv.FlushAsync();
        return rows;
    }

    /// <summary>ISO 8601 UTC, seconds: <c>2024-01-31T08:15:00Z</c>; blank when unknown.</summary>
    internal static string Time(DateTime? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Hours(DateTime from, DateTime? to) =>
        Metrics.Formulas.CsvNumbers.Hours(to is { } t ? Metrics.Formulas.Hours.Waited(from, t) : null);
}
