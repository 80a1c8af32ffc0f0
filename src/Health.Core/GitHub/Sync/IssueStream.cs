using Health.Core.GitHub.Dto;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>Issues. The endpoint lists pull requests too (they carry <c>pull_request</c>); those are left to the PR stream.</summary>
internal sealed class IssueStream : IStreamHandler<IssueDto>
{
    public SyncStream Stream => SyncStream.Issues;

    public string Label => "issues";

    public string FirstPage(RepositoryName repo) => $"repos/{repo.Owner}/{repo.Name}/issues?state=all&sort=updated&direction=desc&per_page=100";

    public DateTime? UpdatedAt(IssueDto item) => item.UpdatedAt;

    public async Task ApplyAsync(PageContext c, IReadOnlyList<IssueDto> items, object? children, CancellationToken ct)
    {
        var issues = items.Where(i => !i.IsPullRequest).ToList();
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
        var ids = rows.Select(r => r.Id).ToList();
        c.Upsert(nameof(Issue), rows, await c.Db.Issues.CountAsync(i => ids.Contains(i.Id), ct));
    }
}
