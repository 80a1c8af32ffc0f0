using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Sync;
using Health.Core.GitHub.Sync.Rows;
using Health.Core.Storage.Entities;

namespace Health.Core.GitHub.GraphQL;

/// <summary>Issues through GraphQL (which lists no pull requests among them), newest update first, with every comment.</summary>
internal sealed class GraphQLIssueSource(SyncContext sync, GraphQLClient client, bool pollRest) : GraphQLSource<IssueDto>(sync, pollRest)
{
    public override SyncStream Stream => SyncStream.Issues;

    public override string Label => "issues";

    protected override string RestFirstPage => new IssueStream().FirstPage(Sync.Repository);

    public override DateTime? UpdatedAt(IssueDto item) => item.UpdatedAt;

    protected override async Task<SourcePage<IssueDto>> QueryAsync(string? position, CancellationToken ct)
    {
        var target = $"the issues of {Sync.Repository} (GraphQL)";
        var (data, date) = await client.QueryAsync(
            target,
            () => GraphQLDocuments.Issues.Value,
            w =>
            {
                w.WriteString("owner", Sync.Repository.Owner);
                w.WriteString("name", Sync.Repository.Name);
                w.WriteNumber("first", Size.Current);
                w.WriteString("after", position);
                w.WriteNumber("children", Sync.Options.GraphQLChildPageSize);
            },
            GraphQLJsonContext.Default.GraphQLResponseIssuesData,
            d => d.RateLimit,
            ct,
            Size.Halve);
        var list = data.Repository?.Issues ?? throw new GitHubNotFoundException($"GitHub's GraphQL API knows no repository {Sync.Repository}, or the token cannot see it.");
        var (nodes, next) = StillUnknown(list.Nodes, list.NextCursor, n => n.UpdatedAt);
        var page = new IssuePage(nodes);
        await ContinuationBatches.FinishAsync(client, target, page.Unfinished, Sync.Options, ct);
        for (var i = 0; i < page.Vanished; i++)
        {
            Sync.Counts.CountVanished();
        }

        return new SourcePage<IssueDto>(page.Issues, page, false, null, next, Size.Pages(list.TotalCount), date);
    }

    public override async Task ApplyAsync(PageContext context, SourcePage<IssueDto> page, CancellationToken ct)
    {
        await IssueRows.StageAsync(context, page.Items, ct);
        await CommentRows.StageIssueCommentsAsync(context, ((IssuePage)page.Children!).Comments, ct);
    }
}
