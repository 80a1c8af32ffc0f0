using GraphQL;
using GraphQL.Utilities;

namespace GitHubSimulator;

/// <summary><c>Repository</c>: its pull requests and issues, paged through the same sorted indexes as REST's listings.</summary>
internal static class RepositoryResolvers
{
    public static void Configure(SchemaBuilder builder) =>
        builder.Types.For("Repository")
            .Field<SimRepository>("id", r => NodeIds.Of("R_", r.Id))
            .Field<SimRepository>("databaseId", r => ResolverExtensions.DatabaseId(r.Id))
            .Field<SimRepository>("name", r => r.Name)
            .Field<SimRepository>("nameWithOwner", r => r.FullName)
            .Field<SimRepository>("pullRequests", PullRequests)
            .Field<SimRepository>("issues", Issues);

    private static Page PullRequests(SimRepository repo, IResolveFieldContext ctx)
    {
        RepoIndex index = repo.GetIndex();
        (bool updated, bool descending) = Order(ctx);
        SortedIndex<SimPull> sorted = updated ? index.PullsUpdated(StateFilter.All) : index.PullsCreated(StateFilter.All);
        return Page.OfIndex(sorted, descending, ctx.First(), ctx.After(), p => p.Id, p => new PullNode(repo, p));
    }

    /// <summary>Issues only: GraphQL, unlike REST's issues listing, does not list pull requests here.</summary>
    private static Page Issues(SimRepository repo, IResolveFieldContext ctx)
    {
        RepoIndex index = repo.GetIndex();
        (bool updated, bool descending) = Order(ctx);
        SortedIndex<SimIssue> sorted = updated ? index.IssuesOnlyUpdated : index.IssuesOnlyCreated;
        return Page.OfIndex(sorted, descending, ctx.First(), ctx.After(), i => i.Id, i => new IssueNode(repo, i));
    }

    /// <summary><c>orderBy</c>: CREATED_AT ASC when absent (GitHub's default); ties break by id, as in REST.</summary>
    private static (bool Updated, bool Descending) Order(IResolveFieldContext ctx)
    {
        if (ctx.GetArgument<Dictionary<string, object?>?>("orderBy") is not { } order)
        {
            return (false, false);
        }

        return (Equals(order.GetValueOrDefault("field"), "UPDATED_AT"), Equals(order.GetValueOrDefault("direction"), "DESC"));
    }
}
