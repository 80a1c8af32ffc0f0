using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.GraphQL;

/// <summary>Issues through GraphQL, newest update first, with their comments; like <see cref="GraphQLPullRequestSource"/>.</summary>
internal sealed class GraphQLIssueSource(SyncContext sync, GraphQLClient client, bool pollRest) : IPageSource<IssueDto>
{
    private readonly PageSize _size = new(sync.Options.GraphQLPageSize);

    public SyncStream Stream => SyncStream.Issues;

    public string Label => "issues";

    public void Begin(SyncCursor cursor) => _size.Begin(cursor);

    public string? SavedPosition(SyncCursor cursor) => cursor.NextCursor;

    public void SetPosition(SyncCursor cursor, string? next)
    {
        cursor.NextCursor = next;
        cursor.NextPageUrl = null;
    }

    public DateTime? UpdatedAt(IssueDto item) => item.UpdatedAt;

    public async Task<SourcePage<IssueDto>> ReadAsync(string? position, string? ifNoneMatch, CancellationToken ct)
    {
        var poll = position is null && pollRest ? await RestPoll.AskAsync<IssueDto>(sync, new IssueStream().FirstPage(sync.Repository), ifNoneMatch, ct) : null;
        if (poll is { NotModified: true })
        {
            return SourcePage<IssueDto>.Unchanged(poll.ETag, poll.ServerDate);
        }

        var target = $"the issues of {sync.Repository} (GraphQL)";
        var (data, date) = await client.QueryAsync(
            target,
            () => GraphQLDocuments.Issues.Value,
            w =>
            {
                w.WriteString("owner", sync.Repository.Owner);
                w.WriteString("name", sync.Repository.Name);
                w.WriteNumber("first", _size.Current);
                w.WriteString("after", position);
                w.WriteNumber("children", sync.Options.GraphQLChildPageSize);
            },
            GraphQLJsonContext.Default.GraphQLResponseIssuesData,
            d => d.RateLimit,
            ct,
            _size.Halve);
        _size.Grow();
        var list = data.Repository?.Issues ?? throw new GitHubNotFoundException($"GitHub's GraphQL API knows no repository {sync.Repository}, or the token cannot see it.");
        var page = new IssuePage(list.Nodes ?? []);
        await ContinuationBatches.FinishAsync(client, target, page.Unfinished, sync.Options, ct);
        return new SourcePage<IssueDto>(page.Issues, page, false, poll?.ETag, list.NextCursor, _size.Pages(list.TotalCount), poll?.ServerDate ?? date);
    }

    public async Task ApplyAsync(PageContext context, SourcePage<IssueDto> page, CancellationToken ct)
    {
        await IssueRows.StageAsync(context, page.Items, ct);
        await CommentRows.StageIssueCommentsAsync(context, ((IssuePage)page.Children!).Comments, ct);
    }
}
