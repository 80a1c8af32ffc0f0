using GitHubSimulator;
using GraphQLParser.AST;

namespace Health.Core.Tests.Simulator;

/// <summary>The simulator's schema is a true subset of GitHub's public schema (../shared/github-api/graphql/schema.graphql).</summary>
public sealed class GraphQLSchemaTests
{
    [Fact]
    public void ServedSchema_EveryTypeFieldArgumentAndValue_ExistsInGitHubsSchemaWithTheSameType()
    {
        Dictionary<string, GraphQLTypeDefinition> github = Types(File.ReadAllText(GitHubSchemaPath()));
        Dictionary<string, GraphQLTypeDefinition> served = Types(GitHubSchema.Sdl);
        var problems = new List<string>();

        foreach ((string name, GraphQLTypeDefinition ours) in served)
        {
            if (!github.TryGetValue(name, out GraphQLTypeDefinition? theirs))
            {
                problems.Add($"type {name} is not in GitHub's schema");
            }
            else if (ours.GetType() != theirs.GetType())
            {
                problems.Add($"{name} is a {ours.Kind} here but a {theirs.Kind} on GitHub");
            }
            else
            {
                Compare(name, ours, theirs, problems);
            }
        }

        Assert.Empty(problems);
        Assert.Contains("PullRequestReviewThread", served.Keys);
        Assert.True(served.Count >= 30, "the subset holds the served types");
    }

    private static void Compare(string name, GraphQLTypeDefinition ours, GraphQLTypeDefinition theirs, List<string> problems)
    {
        switch (ours)
        {
            case GraphQLObjectTypeDefinition o:
                var t = (GraphQLObjectTypeDefinition)theirs;
                CompareFields(name, o.Fields, t.Fields, problems);
                CompareInterfaces(name, o.Interfaces, t.Interfaces, problems);
                break;
            case GraphQLInterfaceTypeDefinition i:
                CompareFields(name, i.Fields, ((GraphQLInterfaceTypeDefinition)theirs).Fields, problems);
                break;
            case GraphQLEnumTypeDefinition e:
                HashSet<string> values = ((GraphQLEnumTypeDefinition)theirs).Values?.Items.Select(v => v.Name.StringValue).ToHashSet() ?? [];
                problems.AddRange(e.Values!.Items.Select(v => v.Name.StringValue).Where(v => !values.Contains(v)).Select(v => $"{name}.{v} is not a GitHub value"));
                break;
            case GraphQLInputObjectTypeDefinition input:
                var theirFields = ((GraphQLInputObjectTypeDefinition)theirs).Fields!.Items.ToDictionary(f => f.Name.StringValue, f => Print(f.Type));
                foreach (GraphQLInputValueDefinition field in input.Fields!.Items)
                {
                    string fieldName = field.Name.StringValue;
                    if (theirFields.GetValueOrDefault(fieldName) != Print(field.Type))
                    {
                        problems.Add($"{name}.{fieldName}: {Print(field.Type)} here, {theirFields.GetValueOrDefault(fieldName) ?? "missing"} on GitHub");
                    }
                }

                break;
        }
    }

    private static void CompareFields(string type, GraphQLFieldsDefinition? ours, GraphQLFieldsDefinition? theirs, List<string> problems)
    {
        Dictionary<string, GraphQLFieldDefinition> github = theirs?.Items.ToDictionary(f => f.Name.StringValue) ?? [];
        foreach (GraphQLFieldDefinition field in ours?.Items ?? [])
        {
            string name = $"{type}.{field.Name.StringValue}";
            if (!github.TryGetValue(field.Name.StringValue, out GraphQLFieldDefinition? their))
            {
                problems.Add($"{name} is not in GitHub's schema");
                continue;
            }

            if (Print(field.Type) != Print(their.Type))
            {
                problems.Add($"{name}: {Print(field.Type)} here, {Print(their.Type)} on GitHub");
            }

            Dictionary<string, string> arguments = their.Arguments?.Items.ToDictionary(a => a.Name.StringValue, a => Print(a.Type)) ?? [];
            foreach (GraphQLInputValueDefinition argument in field.Arguments?.Items ?? [])
            {
                string argumentName = argument.Name.StringValue;
                if (arguments.GetValueOrDefault(argumentName) != Print(argument.Type))
                {
                    problems.Add($"{name}({argumentName}:): {Print(argument.Type)} here, {arguments.GetValueOrDefault(argumentName) ?? "missing"} on GitHub");
                }
            }
        }
    }

    private static void CompareInterfaces(string type, GraphQLImplementsInterfaces? ours, GraphQLImplementsInterfaces? theirs, List<string> problems)
    {
        HashSet<string> github = theirs?.Items.Select(i => i.Name.StringValue).ToHashSet() ?? [];
        problems.AddRange((ours?.Items ?? []).Select(i => i.Name.StringValue).Where(i => !github.Contains(i)).Select(i => $"{type} does not implement {i} on GitHub"));
    }

    private static Dictionary<string, GraphQLTypeDefinition> Types(string sdl) =>
        GraphQLParser.Parser.Parse(sdl).Definitions.OfType<GraphQLTypeDefinition>().ToDictionary(t => t.Name.StringValue);

    private static string Print(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Print(nonNull.Type) + "!",
        GraphQLListType list => "[" + Print(list.Type) + "]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => "?",
    };

    /// <summary>GitHub's schema in the shared folder beside the repository, found from the test binaries upwards.</summary>
    private static string GitHubSchemaPath()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "github-api", "graphql", "schema.graphql");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("GitHub's schema (shared/github-api/graphql/schema.graphql) was not found beside the repository.");
    }
}
