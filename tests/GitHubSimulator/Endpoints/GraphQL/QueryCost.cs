using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace GitHubSimulator;

/// <summary>
/// GitHub's accounting of a query, before it runs: for each connection in the selection (aliases and fragments
/// expanded) the requests it needs are the product of the <c>first</c>/<c>last</c> of the connections around it;
/// the cost is that sum over 100, rounded (at least 1); the node count is the sum of the products including each
/// connection's own page size. A connection without a page size, or with one over 100, is refused.
/// </summary>
internal sealed class QueryCost
{
    public const long MaxNodes = 500_000;
    private const int MaxPage = 100;
    private readonly ISchema _schema;
    private readonly GraphQLDocument _document;
    private readonly IValidationResult _validation;
    private long _requests;

    private QueryCost(ISchema schema, GraphQLDocument document, IValidationResult validation)
    {
        _schema = schema;
        _document = document;
        _validation = validation;
    }

    public int Cost => (int)Math.Max(1, Math.Min(int.MaxValue, Math.Round(_requests / 100.0, MidpointRounding.AwayFromZero)));

    public long NodeCount { get; private set; }

    /// <summary>Why the query is refused before it runs (pagination or node limit), or null.</summary>
    public GitHubError? Error { get; private set; }

    public static QueryCost Of(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation, IValidationResult validation)
    {
        var cost = new QueryCost(schema, document, validation);
        cost.Walk(schema.Query, [operation.SelectionSet], 1, []);
        if (cost.Error is null && cost.NodeCount > MaxNodes)
        {
            cost.Error = GitHubErrors.MaxNodeLimit(cost.NodeCount);
        }

        return cost;
    }

    /// <summary>Walks the merged selection sets of one object: fields with the same response key on the same type count once.</summary>
    private void Walk(IComplexGraphType type, IEnumerable<GraphQLSelectionSet> sets, long enclosing, List<object> path)
    {
        var groups = new Dictionary<(IComplexGraphType Owner, string Key), List<GraphQLField>>();
        foreach (GraphQLSelectionSet set in sets)
        {
            Collect(type, set, groups, 0);
        }

        foreach (((IComplexGraphType owner, string key), List<GraphQLField> fields) in groups)
        {
            if (Error is not null)
            {
                return;
            }

            FieldType? definition = owner.GetField(fields[0].Name.StringValue);
            if (definition?.ResolvedType?.GetNamedType() is not IComplexGraphType returned)
            {
                continue;
            }

            long inner = enclosing;
            path.Add(key);
            if (returned.Name.EndsWith("Connection", StringComparison.Ordinal))
            {
                int? size = PageSize(fields[0]);
                if (size is null)
                {
                    Error = At(GitHubErrors.MissingPagination(definition.Name), fields[0], path, _document);
                }
                else if (size > MaxPage)
                {
                    Error = At(GitHubErrors.ExcessivePagination(definition.Name, size.Value), fields[0], path, _document);
                }
                else
                {
                    _requests = Add(_requests, enclosing);
                    inner = Multiply(enclosing, size.Value);
                    NodeCount = Add(NodeCount, inner);
                }
            }

            Walk(returned, fields.Where(f => f.SelectionSet is not null).Select(f => f.SelectionSet!), inner, path);
            path.RemoveAt(path.Count - 1);
        }
    }

    private void Collect(IComplexGraphType type, GraphQLSelectionSet set, Dictionary<(IComplexGraphType, string), List<GraphQLField>> groups, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        foreach (ASTNode selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    string key = (field.Alias?.Name ?? field.Name).StringValue;
                    if (!groups.TryGetValue((type, key), out List<GraphQLField>? list))
                    {
                        list = [];
                        groups[(type, key)] = list;
                    }

                    list.Add(field);
                    break;
                case GraphQLInlineFragment inline:
                    Collect(TypeOf(inline.TypeCondition) ?? type, inline.SelectionSet, groups, depth + 1);
                    break;
                case GraphQLFragmentSpread spread when _document.FindFragmentDefinition(spread.FragmentName.Name) is { } fragment:
                    Collect(TypeOf(fragment.TypeCondition) ?? type, fragment.SelectionSet, groups, depth + 1);
                    break;
            }
        }
    }

    private IComplexGraphType? TypeOf(GraphQLTypeCondition? condition) =>
        condition is null ? null : _schema.AllTypes[condition.Type.Name.StringValue] as IComplexGraphType;

    /// <summary>The field's <c>first</c> (or <c>last</c>) after variables and defaults; null when it has neither.</summary>
    private int? PageSize(GraphQLField field)
    {
        if (_validation.ArgumentValues?.TryGetValue(field, out IDictionary<string, GraphQL.Execution.ArgumentValue>? arguments) == true)
        {
            foreach (string name in (ReadOnlySpan<string>)["first", "last"])
            {
                if (arguments.TryGetValue(name, out GraphQL.Execution.ArgumentValue value) && value.Value is { } number)
                {
                    return Math.Max(0, Convert.ToInt32(number, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return null;
    }

    private static GitHubError At(GitHubError error, GraphQLField field, List<object> path, GraphQLDocument document)
    {
        error.Path = [.. path];
        return error.AddLocation(field, document);
    }

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long Multiply(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
}
