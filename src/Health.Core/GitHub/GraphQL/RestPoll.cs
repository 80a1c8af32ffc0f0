using Health.Core.GitHub.Sync;

namespace Health.Core.GitHub.GraphQL;

/// <summary>REST's first page asked with its ETag: the free "anything new?" of mode Auto (a 304 uses no rate limit).</summary>
internal static class RestPoll
{
    public static Task<ApiPage<T>> AskAsync<T>(SyncContext sync, string firstPage, string? ifNoneMatch, CancellationToken ct) =>
        sync.Api.GetPageAsync<T>(new Uri(firstPage, UriKind.Relative), ifNoneMatch, ct);
}
