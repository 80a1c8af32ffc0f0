using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// A connection not read to its end: the part of Continuations.graphql that continues it, the node it hangs on, the cursor
/// to continue from, and what to do with the next page (which may leave more unfinished work: further pages, or a new
/// review thread's comments). <see cref="Gone"/> is called when the node no longer exists.
/// </summary>
internal sealed record Unfinished(string Part, string Field, string NodeId, string After, Func<JsonElement, List<Unfinished>> Take, Action Gone)
{
    /// <summary>
    /// Takes a page of a connection (<paramref name="add"/> keeps its nodes and returns work they bring) and, when it has more,
    /// the work that continues it with the same <paramref name="add"/>.
    /// </summary>
    public static List<Unfinished> Follow<T>(
        string part,
        string? nodeId,
        Connection<T>? page,
        JsonTypeInfo<Connection<T>> info,
        Func<Connection<T>, List<Unfinished>> add,
        Action gone)
    {
        if (page is null)
        {
            // Asked for and not answered, with no error said: never taken as an empty list (that would delete reviews).
            throw new MalformedResponseException($"GitHub's GraphQL answer lacks {part} it was asked for.");
        }

        var work = add(page);
        if (page.NextCursor is { } next)
        {
            if (string.IsNullOrEmpty(nodeId))
            {
                throw new MalformedResponseException($"GitHub's GraphQL answer has more {part} on a node without an id; it cannot be continued.");
            }

            var field = part[(part.IndexOf('.', StringComparison.Ordinal) + 1)..];
            work.Add(new Unfinished(part, field, nodeId, next, element => Follow(part, nodeId, element.Deserialize(info), info, add, gone), gone));
        }

        return work;
    }
}
