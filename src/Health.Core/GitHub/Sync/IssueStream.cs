using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.Sync;

/// <summary>Issues. The endpoint lists pull requests too (they carry <c>pull_request</c>); those are left to the PR stream.</summary>
internal sealed class IssueStream : IStreamHandler<IssueDto>
{
    public SyncStream Stream => SyncStream.Issues;

    public string Label => "issues";

    public string FirstPage(RepositoryName repo) => $"repos/{repo.Owner}/{repo.Name}/issues?state=all&sort=updated&direction=desc&per_page=100";

    public DateTime? UpdatedAt(IssueDto item) => item.UpdatedAt;

    public Task ApplyAsync(PageContext c, IReadOnlyList<IssueDto> items, CancellationToken ct) =>
        IssueRows.StageAsync(c, items.Where(i => !i.IsPullRequest).ToList(), ct);
}
