using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// Pull requests through GraphQL, newest update first, each page carrying every PR's reviews, comments, review comments
/// and labels (finished by batched follow-ups where a PR has more than fit). The position is GraphQL's cursor.
/// With <paramref name="pollRest"/> (mode Auto), a fresh pass first asks REST's first page with its ETag: an unchanged
/// repository costs one 304 and no GraphQL point.
/// </summary>
internal sealed class GraphQLPullRequestSource(SyncContext sync, GraphQLClient client, bool pollRest) : IPageSource<PullDto>
{
    private readonly PageSize _size = new(sync.Options.GraphQLPageSize);

    public SyncStream Stream => SyncStream.PullRequests;

    public string Label => "pull requests";

    public void Begin(SyncCursor cursor) => _size.Begin(cursor);

    public string? SavedPosition(SyncCursor cursor) => cursor.NextCursor;

    public void SetPosition(SyncCursor cursor, string? next)
    {
        cursor.NextCursor = next;
        cursor.NextPageUrl = null;
    }

    public DateTime? UpdatedAt(PullDto item) => item.UpdatedAt;

    public async Task<SourcePage<PullDto>> ReadAsync(string? position, string? ifNoneMatch, CancellationToken ct)
    {
        var poll = position is null && pollRest ? await RestPoll.AskAsync<PullDto>(sync, new PullRequestStream().FirstPage(sync.Repository), ifNoneMatch, ct) : null;
        if (poll is { NotModified: true })
        {
            return SourcePage<PullDto>.Unchanged(poll.ETag, poll.ServerDate);
        }

        var target = $"the pull requests of {sync.Repository} (GraphQL)";
        var (data, date) = await client.QueryAsync(
            target,
            () => GraphQLDocuments.PullRequests.Value,
            w =>
            {
                w.WriteString("owner", sync.Repository.Owner);
                w.WriteString("name", sync.Repository.Name);
                w.WriteNumber("first", _size.Current);
                w.WriteString("after", position);
                w.WriteNumber("children", sync.Options.GraphQLChildPageSize);
                w.WriteNumber("threadComments", sync.Options.GraphQLThreadCommentPageSize);
            },
            GraphQLJsonContext.Default.GraphQLResponsePullRequestsData,
            d => d.RateLimit,
            ct,
            _size.Halve);
        _size.Grow();
        var list = data.Repository?.PullRequests ?? throw new GitHubNotFoundException($"GitHub's GraphQL API knows no repository {sync.Repository}, or the token cannot see it.");
        var page = new PullRequestPage(list.Nodes ?? []);
        await ContinuationBatches.FinishAsync(client, target, page.Unfinished, sync.Options, ct);
        for (var i = 0; i < page.Vanished; i++)
        {
            sync.Counts.CountVanished();
        }

        return new SourcePage<PullDto>(page.Pulls, page, false, poll?.ETag, list.NextCursor, _size.Pages(list.TotalCount), poll?.ServerDate ?? date);
    }

    public async Task ApplyAsync(PageContext context, SourcePage<PullDto> page, CancellationToken ct)
    {
        var children = (PullRequestPage)page.Children!;
        await PullRequestRows.StageAsync(context, page.Items, children.Reviews, ct);
        await CommentRows.StageIssueCommentsAsync(context, children.Comments, ct);
        await CommentRows.StageReviewCommentsAsync(context, children.ReviewComments, ct);
    }
}
