using System.Globalization;
using System.Text;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// Finishes the children that did not fit in a page, several unfinished connections per request (one alias each), so a
/// heavy pull request never costs a request per page of its children. A batch GitHub finds too heavy is split.
/// </summary>
internal static class ContinuationBatches
{
    public static async Task FinishAsync(GraphQLClient client, string target, List<Unfinished> work, GitHubOptions options, CancellationToken ct)
    {
        var pending = new List<Unfinished>(work);
        var size = options.GraphQLBatchSize;
        while (pending.Count > 0)
        {
            var batch = pending.Take(size).ToList();
            var (data, _) = await client.QueryAsync(
                target,
                () => Document(batch),
                w => Variables(w, batch, options),
                GraphQLJsonContext.Default.GraphQLResponseContinuationData,
                d => d.RateLimit,
                ct,
                lighten: () =>
                {
                    if (batch.Count == 1)
                    {
                        return false;
                    }

                    size = Math.Max(1, batch.Count / 2);
                    batch = batch.Take(size).ToList();
                    return true;
                },
                continuation: true);
            pending.RemoveRange(0, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                var node = data.Aliases?.GetValueOrDefault(Alias(i));
                if (node is not { ValueKind: System.Text.Json.JsonValueKind.Object } found)
                {
                    batch[i].Gone();
                    continue;
                }

                if (!found.TryGetProperty(batch[i].Field, out var page))
                {
                    throw new MalformedResponseException($"GitHub's GraphQL answer lacks {batch[i].Part} for a node it found.");
                }

                pending.AddRange(batch[i].Take(page));
            }
        }
    }

    private static string Document(List<Unfinished> batch)
    {
        var query = new StringBuilder("query Continue(");
        var threads = batch.Any(u => u.Part == "PullRequest.reviewThreads");
        query.Append(threads ? "$threadComments: Int!, " : string.Empty);
        query.AppendJoin(", ", batch.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"$id{i}: ID!, $after{i}: String"))).Append(") {\n");
        for (var i = 0; i < batch.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            query.Append("  ").Append(GraphQLDocuments.Part(batch[i].Part, Alias(i), "id" + n, "after" + n)).Append('\n');
        }

        query.Append("  rateLimit { ...RateLimitFields }\n}\n");
        return GraphQLDocuments.Complete(query.ToString());
    }

    private static void Variables(System.Text.Json.Utf8JsonWriter w, List<Unfinished> batch, GitHubOptions options)
    {
        if (batch.Any(u => u.Part == "PullRequest.reviewThreads"))
        {
            w.WriteNumber("threadComments", options.GraphQLThreadCommentPageSize);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            w.WriteString("id" + n, batch[i].NodeId);
            w.WriteString("after" + n, batch[i].After);
        }
    }

    private static string Alias(int i) => "c" + i.ToString(CultureInfo.InvariantCulture);
}
