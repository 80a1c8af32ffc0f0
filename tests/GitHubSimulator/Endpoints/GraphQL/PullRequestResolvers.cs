using GraphQL;
using GraphQL.Utilities;

namespace GitHubSimulator;

/// <summary><c>PullRequest</c>: its facts and its children (labels, reviews, comments, review threads).</summary>
internal static class PullRequestResolvers
{
    public static void Configure(SchemaBuilder builder) =>
        builder.Types.For("PullRequest")
            .Field<PullNode>("id", NodeIds.Of)
            .Field<PullNode>("fullDatabaseId", n => n.Pull.Id)
            .Field<PullNode>("databaseId", n => ResolverExtensions.DatabaseId(n.Pull.Id))
            .Field<PullNode>("number", n => n.Pull.Number)
            .Field<PullNode>("title", n => n.Pull.Title)
            .Field<PullNode>("body", n => n.Pull.Body)
            .Field<PullNode>("state", n => State(n.Pull))
            .Field<PullNode>("closed", n => n.Pull.State != ItemStates.Open)
            .Field<PullNode>("merged", n => n.Pull.MergedAt is not null)
            .Field<PullNode>("isDraft", n => n.Pull.Draft)
            .Field<PullNode>("authorAssociation", n => n.Pull.AuthorAssociation)
            .Field<PullNode>("createdAt", n => n.Pull.CreatedAt)
            .Field<PullNode>("updatedAt", n => n.Pull.UpdatedAt)
            .Field<PullNode>("closedAt", n => n.Pull.ClosedAt)
            .Field<PullNode>("mergedAt", n => n.Pull.MergedAt)
            .Field<PullNode>("additions", n => n.Pull.Additions)
            .Field<PullNode>("deletions", n => n.Pull.Deletions)
            .Field<PullNode>("changedFiles", n => n.Pull.ChangedFiles)
            .Field<PullNode>("author", n => Actors.Visible(n.Pull.User))
            .Field<PullNode>("labels", Labels)
            .Field<PullNode>("reviews", Reviews)
            .Field<PullNode>("comments", (n, ctx) => CommentPages.Of(ctx, n.Repo, n.Pull.Number))
            .Field<PullNode>("reviewThreads", Threads);

    /// <summary>MERGED when merged, else OPEN or CLOSED.</summary>
    public static string State(SimPull pull) =>
        pull.MergedAt is not null ? "MERGED" : pull.State == ItemStates.Open ? "OPEN" : "CLOSED";

    private static Page Labels(PullNode node, IResolveFieldContext ctx)
    {
        ctx.GitHub().FailIfFaulted();
        List<string> names = node.Pull.Labels;
        var labels = new LabelNode[names.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = new LabelNode(node.Repo, names[i], i);
        }

        return Page.OfList(labels, ctx.First(), ctx.After(), l => l.Position, l => l);
    }

    /// <summary>Reviews by id; PENDING ones only when <see cref="World.ShowPendingReviews"/> (as REST's listing).</summary>
    private static Page Reviews(PullNode node, IResolveFieldContext ctx)
    {
        GraphQLContext github = ctx.GitHub();
        github.FailIfFaulted();
        List<SimReview> reviews = node.Repo.GetIndex().ReviewsByPull.GetValueOrDefault(node.Pull.Number) ?? [];
        if (!github.World.ShowPendingReviews)
        {
            reviews = reviews.FindAll(r => r.State != ReviewStates.Pending);
        }

        return Page.OfList(reviews, ctx.First(), ctx.After(), r => r.Id, r => r);
    }

    private static Page Threads(PullNode node, IResolveFieldContext ctx)
    {
        ctx.GitHub().FailIfFaulted();
        List<ThreadNode> threads = ReviewThreads.Of(node.Repo, node.Repo.GetIndex(), node.Pull);
        return Page.OfList(threads, ctx.First(), ctx.After(), t => t.FirstCommentId, t => t);
    }
}
