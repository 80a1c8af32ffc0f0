namespace Health.Core.GitHub;

/// <summary>
/// An answer from GitHub that is not the data asked for, as either API gives it: the HTTP status, headers and body,
/// and what kind of trouble it is. Thrown by one attempt of a request; <see cref="GitHubPolicy"/> decides what follows.
/// </summary>
internal sealed class GitHubFailure(
    GitHubFailureKind kind,
    int status,
    IReadOnlyDictionary<string, string>? headers,
    string body,
    string message,
    Exception? inner = null) : Exception(message, inner)
{
    public GitHubFailureKind Kind { get; } = kind;

    public int Status { get; } = status;

    public IReadOnlyDictionary<string, string>? Headers { get; } = headers;

    public string Body { get; } = body;
}

internal enum GitHubFailureKind
{
    /// <summary>An HTTP error status, classified by its status, headers and body (the REST rules).</summary>
    Http,

    /// <summary>GraphQL's primary rate limit: HTTP 200 with <c>errors[].type == "RATE_LIMITED"</c>.</summary>
    RateLimited,

    /// <summary>The query asks for too much at once (GraphQL's <c>MAX_NODE_LIMIT_EXCEEDED</c>, or a 502/504 timeout on it): ask for less and retry.</summary>
    TooHeavy,

    /// <summary>Data came with errors for part of it (a field that failed to resolve): never stored as complete; retried.</summary>
    Partial,

    /// <summary>GitHub refused the query itself (a field or argument it does not know, a node it cannot find): retrying cannot help.</summary>
    Refused,

    /// <summary>What was asked for does not exist, or the token cannot see it.</summary>
    NotFound,

    /// <summary>GitHub no longer takes a saved GraphQL cursor (<c>INVALID_CURSOR_ARGUMENTS</c>): the pass must start again from the top.</summary>
    InvalidCursor,
}
