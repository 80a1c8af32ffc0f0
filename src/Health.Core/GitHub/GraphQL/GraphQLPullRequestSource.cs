using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// Pull requests through GraphQL, newest update first, each page carrying every PR's reviews, comments, review comments
/// and labels (finished by batched follow-ups where a PR has more than fit).
/// </summary>
internal sealed class GraphQLPullRequestSource(SyncContext sync, GraphQLClient client, bool pollRest) : GraphQLSource<PullDto, PullRequestPage>(sync, pollRest)
{
    public override SyncStream Stream => SyncStream.PullRequests;

    public override string Label => "pull requests";

    protected override string RestFirstPage => new PullRequestStream().FirstPage(Sync.Repository);

    public override DateTime? UpdatedAt(PullDto item) => item.UpdatedAt;

    protected override async Task<SourcePage<PullDto, PullRequestPage>> QueryAsync(string? position, CancellationToken ct)
    {
        var (page, next, pages, date) = await PageAsync(
            client,
            GraphQLDocuments.PullRequests.Value,
            position,
            w =>
            {
                w.WriteNumber("children", Sync.Options.GraphQLChildPageSize);
                w.WriteNumber("threads", Sync.Options.GraphQLThreadPageSize);
                w.WriteNumber("threadComments", Sync.Options.GraphQLThreadCommentPageSize);
            },
            GraphQLJsonContext.Default.GraphQLResponsePullRequestsData,
            d => d.RateLimit,
            d => d.Repository?.PullRequests,
            n => n.UpdatedAt,
            nodes => new PullRequestPage(nodes),
            ct);
        return new SourcePage<PullDto, PullRequestPage>(page.Pulls, page, false, null, next, pages, date);
    }

    public override async Task ApplyAsync(PageContext context, SourcePage<PullDto, PullRequestPage> page, CancellationToken ct)
    {
        var children = page.Children;
        await PullRequestRows.StageAsync(context, page.Items, children.Reviews, ct);
        await CommentRows.StageIssueCommentsAsync(context, children.Comments, ct);
        await CommentRows.StageReviewCommentsAsync(context, children.ReviewComments, ct);
    }
}
