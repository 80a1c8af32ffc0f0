using GraphQL.Utilities;

namespace GitHubSimulator;

/// <summary>Reviews, comments, review comments, review threads and labels.</summary>
internal static class ChildResolvers
{
    public static void Configure(SchemaBuilder builder)
    {
        builder.Types.For("PullRequestReview")
            .Field<SimReview>("id", r => NodeIds.Of("PRR_", r.Id))
            .Field<SimReview>("fullDatabaseId", r => r.Id)
            .Field<SimReview>("databaseId", r => ResolverExtensions.DatabaseId(r.Id))
            .Field<SimReview>("state", r => r.State)
            .Field<SimReview>("submittedAt", r => r.SubmittedAt)
            .Field<SimReview>("body", r => r.Body)
            .Field<SimReview>("authorAssociation", r => r.AuthorAssociation)
            .Field<SimReview>("author", r => Actors.Visible(r.User));
        builder.Types.For("IssueComment")
            .Field<SimIssueComment>("id", c => NodeIds.Of("IC_", c.Id))
            .Field<SimIssueComment>("fullDatabaseId", c => c.Id)
            .Field<SimIssueComment>("databaseId", c => ResolverExtensions.DatabaseId(c.Id))
            .Field<SimIssueComment>("createdAt", c => c.CreatedAt)
            .Field<SimIssueComment>("updatedAt", c => c.UpdatedAt)
            .Field<SimIssueComment>("body", c => c.Body)
            .Field<SimIssueComment>("authorAssociation", c => c.AuthorAssociation)
            .Field<SimIssueComment>("author", c => Actors.Visible(c.User));
        builder.Types.For("PullRequestReviewComment")
            .Field<ReviewCommentNode>("id", n => NodeIds.Of("PRRC_", n.Comment.Id))
            .Field<ReviewCommentNode>("fullDatabaseId", n => n.Comment.Id)
            .Field<ReviewCommentNode>("databaseId", n => ResolverExtensions.DatabaseId(n.Comment.Id))
            .Field<ReviewCommentNode>("createdAt", n => n.Comment.CreatedAt)
            .Field<ReviewCommentNode>("updatedAt", n => n.Comment.UpdatedAt)
            .Field<ReviewCommentNode>("body", n => n.Comment.Body)
            .Field<ReviewCommentNode>("authorAssociation", n => n.Comment.AuthorAssociation)
            .Field<ReviewCommentNode>("author", n => Actors.Visible(n.Comment.User))
            .Field<ReviewCommentNode>("path", n => n.Comment.Path)
            .Field<ReviewCommentNode>("line", n => n.Comment.Line)
            .Field<ReviewCommentNode>("pullRequestReview", n =>
                n.Comment.ReviewId is { } id ? n.Repo.GetIndex().ReviewsById.GetValueOrDefault(id) : null);
        builder.Types.For("PullRequestReviewThread")
            .Field<ThreadNode>("id", NodeIds.Of)
            .Field<ThreadNode>("path", t => t.Path)
            .Field<ThreadNode>("line", t => t.Line)
            .Field<ThreadNode>("pullRequest", t => new PullNode(t.Repo, t.Pull))
            .Field<ThreadNode>("comments", (t, ctx) =>
            {
                ctx.GitHub().FailIfFaulted();
                return Page.OfList(t.Comments, ctx.First(), ctx.After(), c => c.Id, c => new ReviewCommentNode(t.Repo, c));
            });
        builder.Types.For("Label")
            .Field<LabelNode>("id", l => NodeIds.Of("LA_", LabelCatalog.Id(l.Repo, l.Name)))
            .Field<LabelNode>("name", l => l.Name)
            .Field<LabelNode>("color", l => LabelCatalog.Get(l.Name).Color)
            .Field<LabelNode>("description", l => LabelCatalog.Get(l.Name).Description);
    }
}
