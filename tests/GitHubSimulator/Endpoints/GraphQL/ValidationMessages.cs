using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace GitHubSimulator;

/// <summary>
/// Puts graphql-dotnet's validation errors in GitHub's words (graphql-ruby's messages and <c>extensions.code</c>):
/// "Field 'foo' doesn't exist on type 'PullRequest'" with code undefinedField, and so on. A rule without a GitHub
/// equivalent here keeps graphql-dotnet's message, with its code.
/// </summary>
internal static partial class ValidationMessages
{
    public static List<GraphQLErrorInfo> Translate(IEnumerable<ExecutionError> errors, GraphQLDocument document, GraphQLOperationDefinition operation) =>
        errors.Select(e => Translate(e, document, operation)).ToList();

    public static GraphQLErrorInfo ParseError(GraphQLSyntaxErrorException ex)
    {
        string description = ex.Description.Split("; for more information", 2)[0];
        return new GraphQLErrorInfo($"Parse error: {description} at [{ex.Location.Line}, {ex.Location.Column}]")
        {
            Locations = [ex.Location],
        };
    }

    private static GraphQLErrorInfo Translate(ExecutionError error, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        ASTNode? node = (error as ValidationError)?.Nodes?.FirstOrDefault();
        string opName = operation.Name?.StringValue ?? "anonymous query";
        (string message, KeyValuePair<string, object?>[] extensions) = error.Code switch
        {
            "FIELDS_ON_CORRECT_TYPE" when Match(FieldOnType(), error) is [var field, var type] =>
                ($"Field '{field}' doesn't exist on type '{type}'", Ext("undefinedField", ("typeName", type), ("fieldName", field))),
            "KNOWN_ARGUMENT_NAMES" when Match(ArgumentOnField(), error) is [var argument, var kind, var owner] =>
                ($"{Capital(kind)} '{owner}' doesn't accept argument '{argument}'",
                    Ext("argumentNotAccepted", ("name", owner), ("typeName", Capital(kind)), ("argumentName", argument))),
            "KNOWN_TYPE_NAMES" when Match(UnknownType(), error) is [var type] => UnknownTypeMessage(document, operation, node, type),
            "NO_UNUSED_FRAGMENTS" when Match(UnusedFragment(), error) is [var fragment] =>
                ($"Fragment {fragment} was defined, but not used", Ext("useAndDefineFragment", ("fragmentName", fragment))),
            "KNOWN_FRAGMENT_NAMES" when Match(UnknownFragment(), error) is [var fragment] =>
                ($"Fragment {fragment} was used, but not defined", Ext("useAndDefineFragment", ("fragmentName", fragment))),
            "NO_UNUSED_VARIABLES" when Match(VariableName(), error) is [var variable] =>
                ($"Variable ${variable} is declared by {opName} but not used", Ext("variableNotUsed", ("variableName", variable))),
            "NO_UNDEFINED_VARIABLES" when Match(VariableName(), error) is [var variable] =>
                ($"Variable ${variable} is used by {opName} but not declared", Ext("variableNotDefined", ("variableName", variable))),
            "PROVIDED_NON_NULL_ARGUMENTS" when Match(RequiredArgument(), error) is [var argument, _, var field] =>
                ($"Field '{field}' is missing required arguments: {argument}",
                    Ext("missingRequiredArguments", ("className", "Field"), ("name", field), ("arguments", argument))),
            "INVALID_VALUE" when Match(InvalidVariable(), error) is [var variable, var problem] => InvalidVariable(operation, variable, problem),
            _ => (error.Message, Ext(error.Code ?? "validationError")),
        };
        return new GraphQLErrorInfo(message)
        {
            Path = error.Code == "INVALID_VALUE" ? null : AstPath.Of(document, node),
            Extensions = extensions,
            Locations = error.Locations?.ToArray(),
        };
    }

    private static (string, KeyValuePair<string, object?>[]) UnknownTypeMessage(
        GraphQLDocument document, GraphQLOperationDefinition operation, ASTNode? node, string type)
    {
        GraphQLVariableDefinition? variable = operation.Variables?.Items.FirstOrDefault(v => Contains(v.Type, node));
        return variable is null
            ? ($"No such type {type}, so it can't be a fragment condition", Ext("undefinedType", ("typeName", type)))
            : ($"{type} isn't a defined input type (on ${variable.Variable.Name.StringValue})",
                Ext("variableRequiresValidType", ("typeName", type), ("variableName", variable.Variable.Name.StringValue)));
    }

    /// <summary>GitHub's answer to a variable value that does not fit (a required one missing, or of the wrong type).</summary>
    private static (string, KeyValuePair<string, object?>[]) InvalidVariable(GraphQLOperationDefinition operation, string variable, string problem)
    {
        GraphQLVariableDefinition? definition = operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == variable);
        string type = definition is null ? "?" : TypeText(definition.Type);
        string explanation = problem.StartsWith("No value provided for a non-null variable", StringComparison.Ordinal)
            ? "Expected value to not be null"
            : problem;
        var problems = new List<object?>
        {
            new Dictionary<string, object?> { ["path"] = new List<object?>(), ["explanation"] = explanation },
        };
        return ($"Variable ${variable} of type {type} was provided invalid value", [new("value", null), new("problems", problems)]);
    }

    private static bool Contains(GraphQLType type, ASTNode? node) => ReferenceEquals(type, node) || type switch
    {
        GraphQLNonNullType nonNull => Contains(nonNull.Type, node),
        GraphQLListType list => Contains(list.Type, node),
        _ => false,
    };

    private static string TypeText(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => TypeText(nonNull.Type) + "!",
        GraphQLListType list => "[" + TypeText(list.Type) + "]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => "?",
    };

    private static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static string[]? Match(Regex pattern, ExecutionError error)
    {
        Match m = pattern.Match(error.Message);
        return m.Success ? m.Groups.Values.Skip(1).Select(g => g.Value).ToArray() : null;
    }

    private static KeyValuePair<string, object?>[] Ext(string code, params (string Key, string Value)[] details) =>
        [new("code", code), .. details.Select(d => new KeyValuePair<string, object?>(d.Key, d.Value))];

    [GeneratedRegex(@"^Cannot query field '(.+?)' on type '(.+?)'")]
    private static partial Regex FieldOnType();

    [GeneratedRegex(@"^Unknown argument '(.+?)' on (field|directive) '(?:.+?\.)?(.+?)'")]
    private static partial Regex ArgumentOnField();

    [GeneratedRegex(@"^Unknown type '?([_A-Za-z][_0-9A-Za-z]*)'?")]
    private static partial Regex UnknownType();

    [GeneratedRegex(@"^Fragment '(.+?)' is never used")]
    private static partial Regex UnusedFragment();

    [GeneratedRegex(@"^Unknown fragment '(.+?)'")]
    private static partial Regex UnknownFragment();

    [GeneratedRegex(@"^Variable '\$(.+?)' is")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^Argument '(.+?)' of type '(.+?)' is required for field '(.+?)'")]
    private static partial Regex RequiredArgument();

    [GeneratedRegex(@"^Variable '\$(.+?)' is invalid\. (.*)$", RegexOptions.Singleline)]
    private static partial Regex InvalidVariable();
}
