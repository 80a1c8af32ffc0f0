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
        var valid = items
            .Select(i => (Dto: i, Number: NumberFromUrl.Parse(i.IssueUrl)))
            .Where(x => x.Dto is { Id: > 0, CreatedAt: not null, UpdatedAt: not null } && x.Number is not null)
            .ToList();
        c.Counts.CountMalformed(items.Count - valid.Count);
        var ids = valid.Select(x => x.Dto.Id).ToList();
        var existing = await c.Db.IssueComments.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        c.Accounts.AddRange(valid.Select(x => x.Dto.User));
        foreach (var (dto, number) in valid)
        {
            if (!existing.TryGetValue(dto.Id, out var comment))
            {
                comment = new IssueComment { Id = dto.Id, RepositoryId = c.RepositoryId };
                c.Db.IssueComments.Add(comment);
                existing[dto.Id] = comment;
            }

            comment.Number = number!.Value;
            comment.AuthorId = AccountUpserter.AuthorId(dto.User);
            comment.CreatedAt = dto.CreatedAt!.Value;
            comment.UpdatedAt = dto.UpdatedAt!.Value;
        }
    }
}
