using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// Pull requests through GraphQL, newest update first, each page carrying every PR's reviews, comments, review comments
/// and labels (finished by batched follow-ups where a PR has more than fit).
/// </summary>
internal sealed class GraphQLPullRequestSource(SyncContext sync, GraphQLClient client, bool pollRest) : GraphQLSource<PullDto>(sync, pollRest)
{
    public override SyncStream Stream => SyncStream.PullRequests;

    public override string Label => "pull requests";

    protected override string RestFirstPage => new PullRequestStream().FirstPage(Sync.Repository);

    public override DateTime? UpdatedAt(PullDto item) => item.UpdatedAt;

    protected override async Task<SourcePage<PullDto>> QueryAsync(string? position, CancellationToken ct)
    {
        var target = $"the pull requests of {Sync.Repository} (GraphQL)";
        var (data, date) = await client.QueryAsync(
            target,
            () => GraphQLDocuments.PullRequests.Value,
            w =>
            {
                w.WriteString("owner", Sync.Repository.Owner);
                w.WriteString("name", Sync.Repository.Name);
                w.WriteNumber("first", Size.Current);
                w.WriteString("after", position);
                w.WriteNumber("children", Sync.Options.GraphQLChildPageSize);
                w.WriteNumber("threads", Sync.Options.GraphQLThreadPageSize);
                w.WriteNumber("threadComments", Sync.Options.GraphQLThreadCommentPageSize);
            },
            GraphQLJsonContext.Default.GraphQLResponsePullRequestsData,
            d => d.RateLimit,
            ct,
            Size.Halve);
        var list = data.Repository?.PullRequests ?? throw new GitHubNotFoundException($"GitHub's GraphQL API knows no repository {Sync.Repository}, or the token cannot see it.");
        var (nodes, next) = StillUnknown(list.Nodes, list.NextCursor, n => n.UpdatedAt);
        var page = new PullRequestPage(nodes);
        await ContinuationBatches.FinishAsync(client, target, page.Unfinished, Sync.Options, ct);
        for (var i = 0; i < page.Vanished; i++)
        {
            Sync.Counts.CountVanished();
        }

        return new SourcePage<PullDto>(page.Pulls, page, false, null, next, Size.Pages(list.TotalCount), date);
    }

    public override async Task ApplyAsync(PageContext context, SourcePage<PullDto> page, CancellationToken ct)
    {
        var children = (PullRequestPage)page.Children!;
        await PullRequestRows.StageAsync(context, page.Items, children.Reviews, ct);
        await CommentRows.StageIssueCommentsAsync(context, children.Comments, ct);
        await CommentRows.StageReviewCommentsAsync(context, children.ReviewComments, ct);
    }
}
