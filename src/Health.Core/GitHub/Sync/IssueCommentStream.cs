using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.Sync;

/// <summary>Comments on issues and on pull requests, one repository-wide stream; the number comes from <c>issue_url</c>.</summary>
internal sealed class IssueCommentStream : IStreamHandler<IssueCommentDto>
{
    public SyncStream Stream => SyncStream.IssueComments;

    public string Label => "issue comments";

    public string FirstPage(RepositoryName repo) => $"repos/{repo.Owner}/{repo.Name}/issues/comments?sort=updated&direction=desc&per_page=100";

    public DateTime? UpdatedAt(IssueCommentDto item) => item.UpdatedAt;

    public Task ApplyAsync(PageContext c, IReadOnlyList<IssueCommentDto> items, CancellationToken ct) =>
        CommentRows.StageIssueCommentsAsync(c, items.Select(i => (i, NumberFromUrl.Parse(i.IssueUrl))).ToList(), ct);
}
