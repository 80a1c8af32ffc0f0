using GraphQL;
using GraphQL.Utilities;

namespace GitHubSimulator;

/// <summary>The root fields: <c>repository</c>, <c>node</c>, <c>nodes</c> and <c>rateLimit</c>.</summary>
internal static class QueryResolvers
{
    public static void Configure(SchemaBuilder builder)
    {
        builder.Types.For("Query")
            .Field<object?>("repository", (_, ctx) => Repository(ctx))
            .Field<object?>("node", (_, ctx) => NodeLookup.Find(ctx.GitHub(), ctx.GetArgument<string>("id")) ?? throw GitHubErrors.NodeNotFound(ctx.GetArgument<string>("id")))
            .Field<object?>("nodes", (_, ctx) => Nodes(ctx))
            .Field<object?>("rateLimit", (_, ctx) => ctx.GitHub().RateLimit);
        builder.Types.For("RateLimit")
            .Field<RateLimitInfo>("cost", r => r.Cost)
            .Field<RateLimitInfo>("limit", r => r.Limit)
            .Field<RateLimitInfo>("nodeCount", r => (int)Math.Min(int.MaxValue, r.NodeCount))
            .Field<RateLimitInfo>("remaining", r => r.Remaining)
            .Field<RateLimitInfo>("resetAt", r => r.ResetAt)
            .Field<RateLimitInfo>("used", r => r.Used);
    }

    private static SimRepository Repository(IResolveFieldContext ctx)
    {
        string owner = ctx.GetArgument<string>("owner");
        string name = ctx.GetArgument<string>("name");
        GraphQLContext github = ctx.GitHub();
        SimRepository repo = github.World.FindRepository(owner, name) ?? throw GitHubErrors.RepositoryNotFound(owner, name);
        return github.Options.ForbiddenRepositories.Contains(repo.FullName) ? throw GitHubErrors.Forbidden() : repo;
    }

    /// <summary>The nodes in the order asked; an unknown id gives null and a NOT_FOUND error at its index.</summary>
    private static object?[] Nodes(IResolveFieldContext ctx)
    {
        List<string> ids = ctx.GetArgument<List<string>>("ids");
        var nodes = new object?[ids.Count];
        for (int i = 0; i < ids.Count; i++)
        {
            nodes[i] = NodeLookup.Find(ctx.GitHub(), ids[i]);
            if (nodes[i] is null)
            {
                GitHubError error = GitHubErrors.NodeNotFound(ids[i]).AddLocation(ctx.FieldAst, ctx.Document);
                error.Path = [.. ctx.ResponsePath, i];
                ctx.Errors.Add(error);
            }
        }

        return nodes;
    }
}
