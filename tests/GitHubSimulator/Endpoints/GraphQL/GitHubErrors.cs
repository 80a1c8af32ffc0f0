using System.Globalization;
using GraphQL;

namespace GitHubSimulator;

/// <summary>An error GitHub reports with a top-level <c>type</c> (NOT_FOUND, FORBIDDEN, ...) besides its message.</summary>
internal sealed class GitHubError(string type, string message) : ExecutionError(message)
{
    public string Type { get; } = type;
}

/// <summary>GitHub's GraphQL error messages and types, in one place.</summary>
internal static class GitHubErrors
{
    /// <summary>The message of GitHub's 502 for a query too heavy to finish, quoting the request id.</summary>
    public static string Timeout(string requestId) =>
        "Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. "
        + $"Please include `{requestId}` when reporting this issue.";

    public static GitHubError RepositoryNotFound(string owner, string name) =>
        new("NOT_FOUND", $"Could not resolve to a Repository with the name '{owner}/{name}'.");

    public static GitHubError NodeNotFound(string id) =>
        new("NOT_FOUND", $"Could not resolve to a node with the global id of '{id}'");

    public static GitHubError Forbidden() => new("FORBIDDEN", "Resource not accessible by personal access token");

    public static GitHubError InvalidCursor(string cursor) =>
        new("INVALID_CURSOR_ARGUMENTS", $"`{cursor}` does not appear to be a valid cursor.");

    public static GitHubError ServiceUnavailable() =>
        new("SERVICE_UNAVAILABLE", "Something went wrong while resolving this field. Please try again later.");

    public static GitHubError MissingPagination(string field) =>
        new("MISSING_PAGINATION_BOUNDARIES", $"You must provide a `first` or `last` value to properly paginate the `{field}` connection.");

    public static GitHubError ExcessivePagination(string field, int requested) =>
        new("EXCESSIVE_PAGINATION", string.Create(
            CultureInfo.InvariantCulture, $"Requesting {requested} records on the `{field}` connection exceeds the `first` limit of 100 records."));

    public static GitHubError MaxNodeLimit(long nodes) =>
        new("MAX_NODE_LIMIT_EXCEEDED", string.Create(
            CultureInfo.InvariantCulture, $"This query requests up to {nodes:N0} possible nodes which exceeds the maximum limit of 500,000."));
}
