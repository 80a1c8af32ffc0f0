using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.GraphQL;

/// <summary>Issues through GraphQL (which lists no pull requests among them), newest update first, with every comment.</summary>
internal sealed class GraphQLIssueSource(SyncContext sync, GraphQLClient client, bool pollRest) : GraphQLSource<IssueDto, IssuePage>(sync, pollRest)
{
    public override SyncStream Stream => SyncStream.Issues;

    public override string Label => "issues";

    protected override string RestFirstPage => new IssueStream().FirstPage(Sync.Repository);

    public override DateTime? UpdatedAt(IssueDto item) => item.UpdatedAt;

    protected override async Task<SourcePage<IssueDto, IssuePage>> QueryAsync(string? position, CancellationToken ct)
    {
        var (page, next, pages, date) = await PageAsync(
            client,
            GraphQLDocuments.Issues.Value,
            position,
            w => w.WriteNumber("children", Sync.Options.GraphQLChildPageSize),
            GraphQLJsonContext.Default.GraphQLResponseIssuesData,
            d => d.RateLimit,
            d => d.Repository?.Issues,
            n => n.UpdatedAt,
            nodes => new IssuePage(nodes),
            ct);
        return new SourcePage<IssueDto, IssuePage>(page.Issues, page, false, null, next, pages, date);
    }

    public override async Task ApplyAsync(PageContext context, SourcePage<IssueDto, IssuePage> page, CancellationToken ct)
    {
        await IssueRows.StageAsync(context, page.Items, ct);
        await CommentRows.StageIssueCommentsAsync(context, page.Children.Comments, ct);
    }
}
