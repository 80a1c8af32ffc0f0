using Health.Core.GitHub.Identities;
using Microsoft.Extensions.Options;

namespace Health.Core.GitHub;

/// <summary>Collects every problem of the GitHub section at start-up, each naming the key to set.</summary>
internal sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.ApiUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"GitHub:ApiUrl must be an absolute http or https URL such as {GitHubOptions.PublicApiUrl} (got '{options.ApiUrl}').");
        }

        if (options.Token is { } token && (token.Any(char.IsWhiteSpace) || token.Any(char.IsControl)))
        {
            errors.Add("GitHub:Token (or GITHUB_TOKEN) contains white space or control characters; paste the token alone.");
        }

        IdentityOptionsValidation.Check(options, errors);

        if (!string.IsNullOrEmpty(options.GraphQLUrl) &&
            (!Uri.TryCreate(options.GraphQLUrl, UriKind.Absolute, out var graphQL) || (graphQL.Scheme != Uri.UriSchemeHttp && graphQL.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"GitHub:GraphQLUrl must be empty (derived from GitHub:ApiUrl) or an absolute http or https URL such as https://api.github.com/graphql (got '{options.GraphQLUrl}').");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add("GitHub:Mode must be Auto, Rest or GraphQL.");
        }

        Check(errors, options.GraphQLPageSize is >= 1 and <= 100, "GitHub:GraphQLPageSize must be between 1 and 100");
        Check(errors, options.GraphQLChildPageSize is >= 1 and <= 100, "GitHub:GraphQLChildPageSize must be between 1 and 100");
        Check(errors, options.GraphQLThreadPageSize is >= 1 and <= 100, "GitHub:GraphQLThreadPageSize must be between 1 and 100");
        Check(errors, options.GraphQLThreadCommentPageSize is >= 1 and <= 100, "GitHub:GraphQLThreadCommentPageSize must be between 1 and 100");
        Check(
            errors,
            (long)options.GraphQLPageSize * ((3L * options.GraphQLChildPageSize) + (options.GraphQLThreadPageSize * (1L + options.GraphQLThreadCommentPageSize))) <= 250_000,
            "GitHub:GraphQLPageSize × (3 × GitHub:GraphQLChildPageSize + GitHub:GraphQLThreadPageSize × (1 + GitHub:GraphQLThreadCommentPageSize)) must be at most 250,000 nodes (GitHub refuses a query of more than 500,000)");
        Check(errors, options.GraphQLBatchSize is >= 1 and <= 100, "GitHub:GraphQLBatchSize must be between 1 and 100");
        Check(errors, options.MaxRetries is >= 0 and <= 20, "GitHub:MaxRetries must be between 0 and 20");
        Check(errors, options.Concurrency is >= 1 and <= 32, "GitHub:Concurrency must be between 1 and 32");
        Check(errors, options.MaxRateLimitWait >= TimeSpan.Zero && options.MaxRateLimitWait <= TimeSpan.FromHours(2), "GitHub:MaxRateLimitWait must be between 00:00:00 and 02:00:00");
        Check(errors, options.RetryBaseDelay >= TimeSpan.Zero && options.RetryBaseDelay <= TimeSpan.FromMinutes(1), "GitHub:RetryBaseDelay must be between 00:00:00 and 00:01:00");
        Check(errors, options.SecondaryLimitDefaultWait >= TimeSpan.Zero && options.SecondaryLimitDefaultWait <= TimeSpan.FromMinutes(15), "GitHub:SecondaryLimitDefaultWait must be between 00:00:00 and 00:15:00");
        Check(errors, options.RequestTimeout > TimeSpan.Zero && options.RequestTimeout <= TimeSpan.FromMinutes(10), "GitHub:RequestTimeout must be more than 0 and at most 00:10:00");
        Check(errors, options.SyncOverlap >= TimeSpan.Zero && options.SyncOverlap <= TimeSpan.FromDays(1), "GitHub:SyncOverlap must be between 00:00:00 and 1.00:00:00");
        foreach (var login in options.ExtraBotLogins.Where(l => string.IsNullOrWhiteSpace(l)))
        {
            errors.Add("GitHub:ExtraBotLogins holds an empty login.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, bool ok, string message)
    {
        if (!ok)
        {
            errors.Add(message + ".");
        }
    }
}
