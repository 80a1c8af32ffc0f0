using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// GitHub's GraphQL API: POSTs a query document with its variables and reads the answer into source-generated types, each
/// request under the sync's <see cref="GitHubPolicy"/> (the same retries, waits and limits as REST). GraphQL reports most
/// trouble inside an HTTP 200 (<c>errors</c>); this is where it is told apart: the primary rate limit, a query too heavy,
/// partial data (never taken as complete), a query GitHub refuses, a node that is gone. Its HTTP client's
/// <see cref="Identities.IdentityHandler"/> sets each request's credentials from the pool of identities.
/// </summary>
internal sealed class GraphQLClient(HttpClient http, Uri endpoint, GitHubPolicy policy)
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client GraphQL requests go through.</summary>
    public const string HttpClientName = "github-graphql";

    public GitHubPolicy Policy => policy;

    /// <summary>The GraphQL endpoint of a REST API root: <c>https://api.github.com/graphql</c>, or Enterprise's <c>https://host/api/graphql</c>.</summary>
    public static Uri EndpointFor(GitHubOptions options)
    {
        if (!string.IsNullOrEmpty(options.GraphQLUrl))
        {
            return new Uri(options.GraphQLUrl, UriKind.Absolute);
        }

        var root = options.ApiRoot();
        var path = root.AbsolutePath;
        return path.EndsWith("/v3/", StringComparison.OrdinalIgnoreCase)
            ? new Uri(root, path[..^"v3/".Length] + "graphql")
            : new Uri(root, "graphql");
    }

    /// <summary>
    /// Sends the query <paramref name="document"/> gives with the variables <paramref name="variables"/> writes (both asked again
    /// on every attempt, so a lighter query can follow a heavy one). A <paramref name="continuation"/> (a follow-up batch) takes
    /// NOT_FOUND errors on its aliased nodes as those nodes being gone, and a refused cursor of its own as a failure to retry.
    /// </summary>
    public Task<(T Data, DateTime ServerDate)> QueryAsync<T>(
        string target,
        Func<string> document,
        Action<Utf8JsonWriter> variables,
        JsonTypeInfo<GraphQLResponse<T>> typeInfo,
        Func<T, RateLimitNode?> rateLimit,
        CancellationToken ct,
        Func<bool>? lighten = null,
        bool continuation = false)
        where T : class =>
        policy.SendAsync(target, async cancel =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = Body(document(), variables) };
            HttpResponseMessage sent;
            try
            {
                sent = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancel);
            }
            catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
            {
                // Our own timeout: GitHub is still working on it, a sign the query is too heavy.
                throw new GitHubFailure(GitHubFailureKind.TooHeavy, 0, null, string.Empty, "no answer within GitHub:RequestTimeout", e);
            }

            using var response = sent;
            var headers = Headers(response);
            var text = await response.Content.ReadAsStringAsync(cancel);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var status = (int)response.StatusCode;
                var kind = status is 502 or 504 ? GitHubFailureKind.TooHeavy : GitHubFailureKind.Http;
                throw new GitHubFailure(kind, status, headers, text, Message(text) ?? response.ReasonPhrase ?? response.StatusCode.ToString());
            }

            GraphQLResponse<T>? answer;
            try
            {
                answer = JsonSerializer.Deserialize(text, typeInfo);
            }
            catch (JsonException e)
            {
                throw new MalformedResponseException($"GitHub's GraphQL answer is not the JSON expected ({e.Message}).", e);
            }

            if (answer is null)
            {
                throw new MalformedResponseException("GitHub's GraphQL answer is JSON null.");
            }

            Check(answer, headers, text, continuation);
            var cost = rateLimit(answer.Data!);
            policy.ObserveGraphQL(cost?.Cost ?? 1, cost?.Remaining ?? ResponseHeaders.GetInt(headers, "X-RateLimit-Remaining"), cost?.ResetAt ?? ResponseHeaders.RateLimitReset(headers));
            return (answer.Data!, ResponseHeaders.Date(headers) ?? policy.Time.GetUtcNow().UtcDateTime);
        }, ct, lighten);

    /// <summary>
    /// Throws the failure an answer's <c>errors</c> stand for; returns when the data can be taken (a continuation's aliased
    /// nodes that are gone are left null for the caller).
    /// </summary>
    private static void Check<T>(GraphQLResponse<T> answer, IReadOnlyDictionary<string, string> headers, string text, bool continuation)
    {
        var errors = answer.Errors ?? [];
        var first = errors.FirstOrDefault();
        var message = first?.Message ?? "no data";
        if (errors.Any(e => e.Type == "RATE_LIMITED"))
        {
            throw new GitHubFailure(GitHubFailureKind.RateLimited, 200, headers, text, message);
        }

        if (errors.Any(e => e.Type == "INVALID_CURSOR_ARGUMENTS"))
        {
            throw new GitHubFailure(continuation ? GitHubFailureKind.Partial : GitHubFailureKind.InvalidCursor, 200, headers, text, message);
        }

        if (errors.Any(IsTimeout))
        {
            throw new GitHubFailure(GitHubFailureKind.TooHeavy, 200, headers, text, message);
        }

        if (errors.Count == 0)
        {
            _ = answer.Data ?? throw new MalformedResponseException("GitHub's GraphQL answer has neither data nor errors.");
            return;
        }

        if (answer.Data is not null && continuation && errors.All(e => e.Type == "NOT_FOUND" && e.Path is { Count: 1 }))
        {
            return;
        }

        var kind = Kind(errors, answer.Data is not null);
        var all = string.Join("; ", errors.Select(e => e.Message).Where(m => !string.IsNullOrEmpty(m)).Distinct().Take(3));
        throw new GitHubFailure(kind, kind == GitHubFailureKind.Http ? 403 : 200, headers, text, string.IsNullOrEmpty(all) ? message : all);
    }

    /// <summary>What the remaining errors stand for: a thing not there, no access, a query refused as invalid, or partial data.</summary>
    private static GitHubFailureKind Kind(List<GraphQLError> errors, bool hasData)
    {
        if (hasData && errors.All(e => e.Type == "NOT_FOUND"))
        {
            return GitHubFailureKind.NotFound;
        }

        if (errors.Any(e => e.Type == "FORBIDDEN"))
        {
            return GitHubFailureKind.Http;
        }

        return !hasData && errors.Any(IsRefusal) ? GitHubFailureKind.Refused : GitHubFailureKind.Partial;
    }

    /// <summary>
    /// GitHub gave up on the query: too many nodes, too many resources, or its "Something went wrong ... This may be the result
    /// of a timeout" that heavy queries get. Asking for less is the way through.
    /// </summary>
    private static bool IsTimeout(GraphQLError e) =>
        e.Type is "MAX_NODE_LIMIT_EXCEEDED" or "RESOURCE_LIMITS_EXCEEDED" ||
        (e.Type is null && e.Message is { } m && m.Contains("timeout", StringComparison.OrdinalIgnoreCase));

    /// <summary>An error in the query itself (GitHub's validation: an unknown field or argument, bad paging): retrying cannot help.</summary>
    private static bool IsRefusal(GraphQLError e) =>
        e.Extensions is { ValueKind: JsonValueKind.Object } x && x.TryGetProperty("code", out _) ||
        e.Type is "EXCESSIVE_PAGINATION" or "MISSING_PAGINATION_BOUNDARIES" or "ARGUMENT_ERROR";

    private static ByteArrayContent Body(string document, Action<Utf8JsonWriter> variables)
    {
        var buffer = new ArrayBufferWriter<byte>(document.Length + 256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("query"u8, document);
            w.WriteStartObject("variables"u8);
            variables(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            result[name] = string.Join(", ", values);
        }

        return result;
    }

    /// <summary>The <c>message</c> of a JSON error body, if it has one.</summary>
    private static string? Message(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (json.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                return m.GetString();
            }

            return json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0 &&
                   errors[0].TryGetProperty("message", out var first) && first.ValueKind == JsonValueKind.String
                ? first.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
