using System.Net;
using Health.Core.GitHub.Dto;
using Health.Core.GitHub.Identities;
using Microsoft.Extensions.Logging;
using Octokit;

namespace Health.Core.GitHub;

/// <summary>
/// GitHub's REST API through Octokit, one request at a time, each under <see cref="GitHubPolicy"/> (what Octokit does
/// not do: retries, waits, rate limits). One instance per sync.
/// </summary>
public sealed class GitHubApi(IConnection connection, GitHubPolicy policy)
{
    private const string Accepts = "application/vnd.github+json";

    public GitHubApi(
        IConnection connection, GitHubOptions options, TimeProvider time, ILogger logger, GitHubStatus? status = null, IdentityPool? identities = null, string? owner = null)
        : this(connection, new GitHubPolicy(options, time, logger, status, identities, owner))
    {
    }

    /// <summary>The rules every request follows (shared with the GraphQL client of the same sync).</summary>
    public GitHubPolicy Policy => policy;

    public RequestStats Stats => policy.Stats;

    /// <summary>Told when a wait starts and every few seconds while it lasts (rate limits, backoff).</summary>
    public IProgress<string>? WaitReporter
    {
        get => policy.WaitReporter;
        set => policy.WaitReporter = value;
    }

    public Uri BaseAddress => connection.BaseAddress;

    /// <summary><c>GET /repos/{o}/{r}</c>, conditional on <paramref name="ifNoneMatch"/>: null body on 304.</summary>
    public async Task<(RepositoryDto? Repository, string? ETag)> GetRepositoryAsync(RepositoryName name, string? ifNoneMatch, CancellationToken ct)
    {
        var uri = new Uri($"repos/{name.Owner}/{name.Name}", UriKind.Relative);
        try
        {
            var (repo, response) = await SendAsync<RepositoryDto>(uri, ifNoneMatch, ct);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return (null, ifNoneMatch);
            }

            return repo is { Id: > 0 }
                ? (repo, response.ApiInfo?.Etag)
                : throw new GitHubException($"GitHub's answer for {name} has no repository id; is GitHub:ApiUrl the REST API root?");
        }
        catch (GitHubNotFoundException e)
        {
            throw new GitHubNotFoundException($"GitHub knows no repository {name}, or the token cannot see it (404).", e);
        }
    }

    /// <summary>
    /// The public repositories of an organisation, or else of a user (GitHub answers 404 for an organisation that is a user).
    /// Throws <see cref="GitHubNotFoundException"/> when neither exists.
    /// </summary>
    public async Task<IReadOnlyList<RepositoryDto>> ListPublicRepositoriesAsync(string owner, CancellationToken ct)
    {
        try
        {
            return await ReadAllAsync<RepositoryDto>(new Uri($"orgs/{owner}/repos?type=public&per_page=100", UriKind.Relative), ct);
        }
        catch (GitHubNotFoundException)
        {
            // Not an organisation: try the user of that name.
        }

        try
        {
            return await ReadAllAsync<RepositoryDto>(new Uri($"users/{owner}/repos?type=owner&per_page=100", UriKind.Relative), ct);
        }
        catch (GitHubNotFoundException e)
        {
            throw new GitHubNotFoundException($"GitHub knows no organisation or user '{owner}' (404).", e);
        }
    }

    private async Task<IReadOnlyList<T>> ReadAllAsync<T>(Uri first, CancellationToken ct)
        where T : class
    {
        var all = new List<T>();
        for (Uri? next = first; next is not null;)
        {
            var page = await GetPageAsync<T>(next, null, ct);
            all.AddRange(page.Items);
            next = Sync.LinkGuard.Checked(page.Next, BaseAddress);
        }

        return all;
    }

    public async Task<ApiPage<T>> GetPageAsync<T>(Uri uri, string? ifNoneMatch, CancellationToken ct)
    {
        var (items, response) = await SendAsync<List<T>>(uri, ifNoneMatch, ct);
        var headers = response.Headers;
        var links = response.ApiInfo?.Links ?? new Dictionary<string, Uri>();
        var notModified = response.StatusCode == HttpStatusCode.NotModified;
        return new ApiPage<T>(
            notModified ? [] : items ?? [],
            notModified,
            notModified ? ifNoneMatch : response.ApiInfo?.Etag,
            links.TryGetValue("next", out var next) ? next : null,
            ResponseHeaders.PageOf(links.TryGetValue("last", out var last) ? last : null),
            ResponseHeaders.Date(headers) ?? policy.Time.GetUtcNow().UtcDateTime);
    }

    private Task<(T? Body, IResponse Response)> SendAsync<T>(Uri uri, string? ifNoneMatch, CancellationToken ct) =>
        Policy.SendAsync(Describe(uri), async token =>
        {
            IApiResponse<T> response;
            try
            {
                using var exchange = ConditionalRequestCache.Begin(ifNoneMatch);
                response = await connection.Get<T>(uri, null, Accepts, token);
            }
            catch (ApiException e) when (e.HttpResponse is not null || e.StatusCode != 0)
            {
                var message = string.IsNullOrWhiteSpace(e.ApiError?.Message) ? e.StatusCode.ToString() : e.ApiError.Message;
                throw new GitHubFailure(GitHubFailureKind.Http, (int)e.StatusCode, e.HttpResponse?.Headers, e.HttpResponse?.Body as string ?? string.Empty, message, e);
            }

            Policy.ObserveRest((int)response.HttpResponse.StatusCode, response.HttpResponse.Headers);
            if (response.HttpResponse.StatusCode == HttpStatusCode.NotModified)
            {
                Stats.CountNotModified();
            }
            else if (response.Body is null)
            {
                throw new MalformedResponseException("GitHub answered with an empty body.");
            }

            return ((T?)response.Body, response.HttpResponse);
        }, ct);

    /// <summary>The path and query of a request, never its host credentials.</summary>
    private string Describe(Uri uri) => (uri.IsAbsoluteUri ? uri : new Uri(connection.BaseAddress, uri)).PathAndQuery;
}
