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
        var valid = issues.Where(i => i is { Id: > 0, Number: > 0, CreatedAt: not null, UpdatedAt: not null, State.Length: > 0 }).ToList();
        c.Counts.CountMalformed(issues.Count - valid.Count);
        var ids = valid.Select(i => i.Id).ToList();
        var existing = await c.Db.Issues.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        c.Accounts.AddRange(valid.Select(i => i.User));
        foreach (var dto in valid)
        {
            if (!existing.TryGetValue(dto.Id, out var issue))
            {
                issue = new Issue { Id = dto.Id, RepositoryId = c.RepositoryId, Title = string.Empty, State = string.Empty };
                c.Db.Issues.Add(issue);
                existing[dto.Id] = issue;
            }

            issue.Number = dto.Number;
            issue.AuthorId = AccountUpserter.AuthorId(dto.User);
            issue.Title = dto.Title ?? string.Empty;
            issue.State = dto.State!;
            issue.AuthorAssociation = dto.AuthorAssociation;
            issue.CreatedAt = dto.CreatedAt!.Value;
            issue.UpdatedAt = dto.UpdatedAt!.Value;
            issue.ClosedAt = dto.ClosedAt;
        }
    }
}
