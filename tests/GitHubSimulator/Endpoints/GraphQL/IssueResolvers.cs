using GraphQL.Utilities;

namespace GitHubSimulator;

/// <summary><c>Issue</c>: its facts and its comments.</summary>
internal static class IssueResolvers
{
    public static void Configure(SchemaBuilder builder) =>
        builder.Types.For("Issue")
            .Field<IssueNode>("id", NodeIds.Of)
            .Field<IssueNode>("fullDatabaseId", n => n.Issue.Id)
            .Field<IssueNode>("databaseId", n => ResolverExtensions.DatabaseId(n.Issue.Id))
            .Field<IssueNode>("number", n => n.Issue.Number)
            .Field<IssueNode>("title", n => n.Issue.Title)
            .Field<IssueNode>("body", n => n.Issue.Body)
            .Field<IssueNode>("state", n => n.Issue.State == ItemStates.Open ? "OPEN" : "CLOSED")
            .Field<IssueNode>("closed", n => n.Issue.State != ItemStates.Open)
            .Field<IssueNode>("authorAssociation", n => n.Issue.AuthorAssociation)
            .Field<IssueNode>("createdAt", n => n.Issue.CreatedAt)
            .Field<IssueNode>("updatedAt", n => n.Issue.UpdatedAt)
            .Field<IssueNode>("closedAt", n => n.Issue.ClosedAt)
            .Field<IssueNode>("author", n => Actors.Visible(n.Issue.User))
            .Field<IssueNode>("comments", (n, ctx) => CommentPages.Of(ctx, n.Repo, n.Issue.Number));
}
