using GraphQL.Utilities;

namespace GitHubSimulator;

/// <summary>Every <c>*Connection</c>, <c>*Edge</c> and <c>PageInfo</c>: all resolve from a <see cref="Page"/>.</summary>
internal static class ConnectionResolvers
{
    public static readonly string[] Kinds =
        ["PullRequest", "Issue", "PullRequestReview", "IssueComment", "PullRequestReviewComment", "PullRequestReviewThread", "Label"];

    public static void Configure(SchemaBuilder builder)
    {
        foreach (string kind in Kinds)
        {
            builder.Types.For(kind + "Connection")
                .Field<Page>("totalCount", p => p.TotalCount)
                .Field<Page>("pageInfo", p => p)
                .Field<Page>("nodes", p => p.Nodes)
                .Field<Page>("edges", p => p.Edges);
            builder.Types.For(kind + "Edge")
                .Field<Edge>("cursor", e => e.Cursor)
                .Field<Edge>("node", e => e.Node);
        }

        builder.Types.For("PageInfo")
            .Field<Page>("hasNextPage", p => p.HasNextPage)
            .Field<Page>("hasPreviousPage", p => p.HasPreviousPage)
            .Field<Page>("startCursor", p => p.StartCursor)
            .Field<Page>("endCursor", p => p.EndCursor);
    }
}
