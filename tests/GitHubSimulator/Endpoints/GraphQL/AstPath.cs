using GraphQLParser.AST;

namespace GitHubSimulator;

/// <summary>
/// Where a node sits in a document, as GitHub's validation errors say it: <c>["query Q", "repository", "foo"]</c>,
/// <c>["fragment F", "author"]</c>, with <c>"... on T"</c> for inline fragments and <c>"... F"</c> for spreads.
/// </summary>
internal static class AstPath
{
    public static List<object>? Of(GraphQLDocument document, ASTNode? target)
    {
        if (target is null)
        {
            return null;
        }

        var path = new List<object>();
        foreach (ASTNode definition in document.Definitions)
        {
            string? name = definition switch
            {
                GraphQLOperationDefinition op => Operation(op),
                GraphQLFragmentDefinition fragment => "fragment " + fragment.FragmentName.Name.StringValue,
                _ => null,
            };
            if (name is null)
            {
                continue;
            }

            path.Add(name);
            if (ReferenceEquals(definition, target) || Find(definition, target, path))
            {
                return path;
            }

            path.Clear();
        }

        return null;
    }

    public static string Operation(GraphQLOperationDefinition op)
    {
        string kind = op.Operation switch
        {
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            _ => "query",
        };
        return op.Name is null ? kind : kind + " " + op.Name.StringValue;
    }

    /// <summary>True when <paramref name="target"/> is within <paramref name="node"/>; <paramref name="path"/> then leads to it.</summary>
    private static bool Find(ASTNode node, ASTNode target, List<object> path)
    {
        foreach (ASTNode child in Children(node))
        {
            string? step = child switch
            {
                GraphQLField field => (field.Alias?.Name ?? field.Name).StringValue,
                GraphQLInlineFragment inline => inline.TypeCondition is null ? "..." : "... on " + inline.TypeCondition.Type.Name.StringValue,
                GraphQLFragmentSpread spread => "... " + spread.FragmentName.Name.StringValue,
                GraphQLArgument argument => argument.Name.StringValue,
                _ => null,
            };
            if (step is not null)
            {
                path.Add(step);
            }

            if (ReferenceEquals(child, target) || Find(child, target, path))
            {
                return true;
            }

            if (step is not null)
            {
                path.RemoveAt(path.Count - 1);
            }
        }

        return false;
    }

    private static IEnumerable<ASTNode> Children(ASTNode node)
    {
        switch (node)
        {
            case GraphQLOperationDefinition op:
                foreach (GraphQLVariableDefinition variable in op.Variables?.Items ?? [])
                {
                    yield return variable;
                }

                yield return op.SelectionSet;
                break;
            case GraphQLFragmentDefinition fragment:
                yield return fragment.TypeCondition;
                yield return fragment.SelectionSet;
                break;
            case GraphQLVariableDefinition variable:
                yield return variable.Variable;
                yield return variable.Type;
                break;
            case GraphQLNonNullType nonNull:
                yield return nonNull.Type;
                break;
            case GraphQLListType list:
                yield return list.Type;
                break;
            case GraphQLTypeCondition condition:
                yield return condition.Type;
                break;
            case GraphQLSelectionSet set:
                foreach (ASTNode selection in set.Selections)
                {
                    yield return selection;
                }

                break;
            case GraphQLField field:
                foreach (GraphQLArgument argument in field.Arguments?.Items ?? [])
                {
                    yield return argument;
                }

                if (field.SelectionSet is not null)
                {
                    yield return field.SelectionSet;
                }

                break;
            case GraphQLInlineFragment inline:
                if (inline.TypeCondition is not null)
                {
                    yield return inline.TypeCondition;
                }

                yield return inline.SelectionSet;
                break;
            case GraphQLArgument argument:
                yield return argument.Value;
                break;
            case GraphQLObjectValue value:
                foreach (GraphQLObjectField field in value.Fields ?? [])
                {
                    yield return field.Value;
                }

                break;
            case GraphQLListValue value:
                foreach (GraphQLValue item in value.Values ?? [])
                {
                    yield return item;
                }

                break;
        }
    }
}
