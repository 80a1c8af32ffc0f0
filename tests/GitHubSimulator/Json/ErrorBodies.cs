namespace GitHubSimulator;

/// <summary>GitHub's error bodies, with the real messages and documentation links.</summary>
internal static class ErrorBodies
{
    public const string RepoDocs = "https://docs.github.com/rest/repos/repos#get-a-repository";
    public const string PullsDocs = "https://docs.github.com/rest/pulls/pulls#list-pull-requests";
    public const string PullDocs = "https://docs.github.com/rest/pulls/pulls#get-a-pull-request";
    public const string ReviewsDocs = "https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request";
    public const string ReviewCommentsDocs = "https://docs.github.com/rest/pulls/comments#list-review-comments-in-a-repository";
    public const string IssuesDocs = "https://docs.github.com/rest/issues/issues#list-repository-issues";
    public const string IssueDocs = "https://docs.github.com/rest/issues/issues#get-an-issue";
    public const string IssueCommentsDocs = "https://docs.github.com/rest/issues/comments#list-issue-comments-for-a-repository";
    public const string UserDocs = "https://docs.github.com/rest/users/users#get-a-user";
    public const string OrgReposDocs = "https://docs.github.com/rest/repos/repos#list-organization-repositories";
    public const string GeneralDocs = "https://docs.github.com/rest";
    public const string AppDocs = "https://docs.github.com/rest/apps/apps";

    public static ReadOnlySpan<byte> BadCredentials =>
        """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"""u8;

    public static ReadOnlySpan<byte> PrimaryRateLimit =>
        """{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}"""u8;

    public static ReadOnlySpan<byte> SecondaryRateLimit =>
        """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/free-pro-team@latest/rest/overview/resources-in-the-rest-api#secondary-rate-limits"}"""u8;

    public static ReadOnlySpan<byte> NotAccessible =>
        """{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest/repos/repos#get-a-repository","status":"403"}"""u8;

    public static ReadOnlySpan<byte> ServerError => """{"message":"Server Error"}"""u8;

    public static ReadOnlySpan<byte> GraphQLUnauthenticated =>
        """{"message":"This endpoint requires you to be authenticated.","documentation_url":"https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql"}"""u8;

    public static ReadOnlySpan<byte> GraphQLBadCredentials =>
        """{"message":"Bad credentials","documentation_url":"https://docs.github.com/graphql"}"""u8;

    public static ReadOnlySpan<byte> GraphQLRateLimited =>
        """{"errors":[{"type":"RATE_LIMITED","code":"graphql_rate_limit","message":"API rate limit already exceeded for user ID 1."}]}"""u8;

    public static ReadOnlySpan<byte> ProblemsParsingJson =>
        """{"message":"Problems parsing JSON","documentation_url":"https://docs.github.com/graphql"}"""u8;

    public static ReadOnlySpan<byte> ServiceUnavailable =>
        """{"message":"Service Unavailable","documentation_url":"https://www.githubstatus.com"}"""u8;

    public static ReadOnlySpan<byte> BadGatewayHtml =>
        "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<h1>Unicorn! &middot; GitHub</h1>\n<p>We had issues producing the response to your request. Sorry about that. Please try to refresh and contact us if the problem persists.</p>\n</body>\n</html>\n"u8;

    /// <summary>GitHub's 401 for a GitHub App's JSON web token it does not take (the message names why).</summary>
    public static ApiResponse JwtRefused(string message) =>
        new(401, PooledBuffer.From(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"message":"{{message.Replace("\"", "\\\"", StringComparison.Ordinal)}}","documentation_url":"https://docs.github.com/rest","status":"401"}"""))) { Counts = false };

    public static ApiResponse NotFound(string documentationUrl = GeneralDocs) =>
        ApiResponse.FromBytes(404, System.Text.Encoding.UTF8.GetBytes(
            $$"""{"message":"Not Found","documentation_url":"{{documentationUrl}}","status":"404"}"""));

    public static ApiResponse Invalid(string parameter, string documentationUrl) =>
        ApiResponse.FromBytes(422, System.Text.Encoding.UTF8.GetBytes(
            $$"""{"message":"Invalid request.\n\nInvalid value for \"{{parameter}}\".","documentation_url":"{{documentationUrl}}","status":"422"}"""));
}
