namespace Health.Core.GitHub;

/// <summary>A GitHub failure that a sync cannot get past by itself; <see cref="Exception.Message"/> names the cause for a person.</summary>
public class GitHubException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>401, or a 403 that is not a rate limit: the token is wrong or lacks access.</summary>
public sealed class GitHubAccessException(string message, Exception? inner = null) : GitHubException(message, inner);

/// <summary>404: the repository (or item) does not exist, or the token cannot see it.</summary>
public sealed class GitHubNotFoundException(string message, Exception? inner = null) : GitHubException(message, inner);

/// <summary>Retries exhausted on 5xx, timeouts, dropped connections or malformed bodies.</summary>
public sealed class GitHubUnavailableException(string message, Exception? inner = null) : GitHubException(message, inner);

/// <summary>The rate limit ran out and resets later than we may wait: the checkpoint is saved, resume after <see cref="ResetAt"/>.</summary>
public sealed class RateLimitExhaustedException(DateTime resetAt, string message) : GitHubException(message)
{
    public DateTime ResetAt { get; } = resetAt;
}

/// <summary>GitHub no longer takes the GraphQL cursor a pass was saved at; the pass reads again from the top (its watermark stays).</summary>
public sealed class GraphQLCursorException(string message, Exception? inner = null) : GitHubException(message, inner);
