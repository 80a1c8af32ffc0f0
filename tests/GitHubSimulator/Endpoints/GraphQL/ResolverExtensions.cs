using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Utilities;

namespace GitHubSimulator;

/// <summary>Short forms for setting a schema-first field's resolver from the source object (and the field context).</summary>
internal static class ResolverExtensions
{
    public static TypeConfig Field<TSource>(this TypeConfig type, string name, Func<TSource, object?> resolve)
    {
        type.FieldFor(name).Resolver = new FuncFieldResolver<object?>(ctx => resolve((TSource)ctx.Source!));
        return type;
    }

    public static TypeConfig Field<TSource>(this TypeConfig type, string name, Func<TSource, IResolveFieldContext, object?> resolve)
    {
        type.FieldFor(name).Resolver = new FuncFieldResolver<object?>(ctx => resolve((TSource)ctx.Source!, ctx));
        return type;
    }

    public static GraphQLContext GitHub(this IResolveFieldContext context) => (GraphQLContext)context.UserContext;

    /// <summary>The <c>first</c> argument (the query was refused before execution when a connection lacks it).</summary>
    public static int First(this IResolveFieldContext context) => context.GetArgument<int?>("first") ?? 0;

    public static string? After(this IResolveFieldContext context) => context.GetArgument<string?>("after");

    /// <summary>GraphQL's Int for a database id; null when it does not fit (GitHub's reason for fullDatabaseId).</summary>
    public static int? DatabaseId(long id) => id is >= int.MinValue and <= int.MaxValue ? (int)id : null;
}
