using GraphQL.Types;

namespace GitHubSimulator;

/// <summary>
/// The served subset of GitHub's schema (schema.graphql, embedded) with its resolvers, built once per process. It
/// validates every query as GitHub would (unknown fields, arguments, types, fragments and variables are refused).
/// </summary>
internal static class GitHubSchema
{
    private static readonly Lazy<string> Text = new(ReadSdl);
    private static readonly Lazy<ISchema> Built = new(Build);

    /// <summary>The SDL of the served subset.</summary>
    public static string Sdl => Text.Value;

    public static ISchema Instance => Built.Value;

    private static Schema Build()
    {
        Schema? schema = null;
        schema = Schema.For(Sdl, builder =>
        {
            QueryResolvers.Configure(builder);
            RepositoryResolvers.Configure(builder);
            PullRequestResolvers.Configure(builder);
            IssueResolvers.Configure(builder);
            ChildResolvers.Configure(builder);
            ActorResolvers.Configure(builder);
            ConnectionResolvers.Configure(builder);
            builder.Types.For("Node").ResolveType = node => ObjectType(schema!, NodeType(node));
            builder.Types.For("Actor").ResolveType = actor => ObjectType(schema!, ActorResolvers.TypeOf((SimAccount)actor));
        });
        schema.Initialize();
        return schema;
    }

    private static string NodeType(object node) => node switch
    {
        PullNode => "PullRequest",
        IssueNode => "Issue",
        ThreadNode => "PullRequestReviewThread",
        SimReview => "PullRequestReview",
        SimIssueComment => "IssueComment",
        ReviewCommentNode => "PullRequestReviewComment",
        LabelNode => "Label",
        SimRepository => "Repository",
        SimAccount account => ActorResolvers.TypeOf(account),
        _ => throw new InvalidOperationException($"No GraphQL type for {node.GetType().Name}."),
    };

    private static IObjectGraphType ObjectType(Schema schema, string name) =>
        schema.AllTypes[name] as IObjectGraphType ?? throw new InvalidOperationException($"The schema has no object type {name}.");

    private static string ReadSdl()
    {
        using Stream stream = typeof(GitHubSchema).Assembly.GetManifestResourceStream("GitHubSimulator.schema.graphql")
            ?? throw new InvalidOperationException("schema.graphql is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
