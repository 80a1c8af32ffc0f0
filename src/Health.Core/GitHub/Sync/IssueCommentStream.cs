using Health.Core.GitHub.Dto;
using Health.Core.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Health.Core.GitHub.Sync;

/// <summary>Comments on issues and on pull requests, one repository-wide stream; the number comes from <c>issue_url</c>.</summary>
internal sealed class IssueCommentStream : IStreamHandler<IssueCommentDto>
{
    public SyncStream Stream => SyncStream.IssueComments;

    public string Label => "issue comments";

    public string FirstPage(RepositoryName repo) => $"repos/{repo.Owner}/{repo.Name}/issues/comments?sort=updated&direction=desc&per_page=100";

    public DateTime? UpdatedAt(IssueCommentDto item) => item.UpdatedAt;

    public async Task ApplyAsync(PageContext c, IReadOnlyList<IssueCommentDto> items, object? children, CancellationToken ct)
    {
        var rows = items
            .Select(i => (Dto: i, Number: NumberFromUrl.Parse(i.IssueUrl)))
            .Where(x => x.Dto is { Id: > 0, CreatedAt: not null, UpdatedAt: not null } && x.Number is not null)
            .DistinctBy(x => x.Dto.Id)
            .Select(x => new IssueComment
            {
                Id = x.Dto.Id,
                RepositoryId = c.RepositoryId,
                Number = x.Number!.Value,
                AuthorId = AccountUpserter.AuthorId(x.Dto.User),
                CreatedAt = x.Dto.CreatedAt!.Value,
                UpdatedAt = x.Dto.UpdatedAt!.Value,
            })
            .ToList();
        c.Counts.CountMalformed(items.DistinctBy(i => i.Id).Count() - rows.Count);
        c.Accounts.AddRange(items.Select(i => i.User));
        var ids = rows.Select(r => r.Id).ToList();
        c.Upsert(nameof(IssueComment), rows, await c.Db.IssueComments.CountAsync(i => ids.Contains(i.Id), ct));
    }
}
