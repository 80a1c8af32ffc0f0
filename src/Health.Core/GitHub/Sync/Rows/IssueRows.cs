using Health.Core.GitHub.Dto;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.Sync.Rows;

/// <summary>Issues (never pull requests) into our rows, for both collectors.</summary>
internal static class IssueRows
{
    public static Task StageAsync(PageContext c, IReadOnlyList<IssueDto> issues, CancellationToken ct) =>
        PageRows.StageAsync(
            c,
            issues,
            i => i.Id,
            i => i is { Id: > 0, Number: > 0, CreatedAt: not null, UpdatedAt: not null, State.Length: > 0 },
            i => new Issue
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
            },
            i => i.User,
            r => r.Number,
            c.Db.Issues,
            ct);
}
