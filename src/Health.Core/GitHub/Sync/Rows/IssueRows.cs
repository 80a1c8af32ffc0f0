using Health.Core.GitHub.Dto;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync.Rows;

/// <summary>Issues (never pull requests) into our rows, for both collectors.</summary>
internal static class IssueRows
{
    public static async Task StageAsync(PageContext c, IReadOnlyList<IssueDto> issues, CancellationToken ct)
    {
        var rows = issues
            .Where(i => i is { Id: > 0, Number: > 0, CreatedAt: not null, UpdatedAt: not null, State.Length: > 0 })
            .DistinctBy(i => i.Id)
            .Select(i => new Issue
            {
                Id = i.Id,
                RepositoryId = c.RepositoryId,
                Number = i.Number,
                AuthorId = AccountUpserter.AuthorId(i.User),
                Title = i.Title ?? string.Empty,
                State = i.State!,
                AuthorAssociation = i.AuthorAssociation,
                CreatedAt = i.CreatedAt!.Value,
                UpdatedAt = i.UpdatedAt!.Value,
                ClosedAt = i.ClosedAt,
            })
            .ToList();
        c.Counts.CountMalformed(issues.Count - rows.Count);
        c.Accounts.AddRange(issues.Select(i => i.User));
        c.Touched.UnionWith(rows.Select(r => r.Number));
        var ids = rows.Select(r => r.Id).ToList();
        c.Upsert(nameof(Issue), rows, await c.Db.Issues.CountAsync(i => ids.Contains(i.Id), ct));
    }
}
