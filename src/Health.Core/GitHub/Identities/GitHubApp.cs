using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Health.Core.GitHub.Identities;

/// <summary>
/// A GitHub App speaking as itself (its JSON web token): lists where it is installed and mints installation tokens. A
/// rejected token or a missing installation is final (<see cref="GitHubAccessException"/>, naming the keys to check); a
/// server error or a dropped connection is an <see cref="HttpRequestException"/>, which the request's policy retries.
/// </summary>
internal sealed class GitHubApp(AppJwt jwt, HttpClient http, TimeProvider time)
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client the app's own requests go through (no identity pool in it).</summary>
    public const string HttpClientName = "github-app";

    private const int PerPage = 100;

    public long Id => jwt.AppId;

    /// <summary><c>GET /app/installations</c>, every page.</summary>
    public async Task<IReadOnlyList<Installation>> ListInstallationsAsync(CancellationToken ct)
    {
        var all = new List<Installation>();
        for (var page = 1; ; page++)
        {
            var listed = await SendAsync(HttpMethod.Get, $"app/installations?per_page={PerPage}&page={page}", AppJsonContext.Default.ListInstallationDto, ct) ?? [];
            all.AddRange(listed.Where(i => i.Id > 0 && !string.IsNullOrEmpty(i.Account?.Login)).Select(i => new Installation(i.Id, i.Account!.Login!)));
            if (listed.Count < PerPage)
            {
                return all;
            }
        }
    }

    /// <summary><c>POST /app/installations/{id}/access_tokens</c>: a token for the installation, valid an hour.</summary>
    public async Task<InstallationToken> MintAsync(long installationId, CancellationToken ct)
    {
        var answer = await SendAsync(HttpMethod.Post, $"app/installations/{installationId}/access_tokens", AppJsonContext.Default.AccessTokenDto, ct);
        return answer is { Token: { Length: > 0 } token, ExpiresAt: { } expires }
            ? new InstallationToken(token, expires.UtcDateTime)
            : throw new HttpRequestException("GitHub's answer to an installation token request has no token or expiry.");
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt.Create());
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK or HttpStatusCode.Created:
                try
                {
                    return JsonSerializer.Deserialize(body, type);
                }
                catch (JsonException e)
                {
                    throw new HttpRequestException($"GitHub's answer to {method} /{Path(path)} is not the JSON expected.", e);
                }

            case HttpStatusCode.Unauthorized:
                throw new GitHubAccessException(
                    $"GitHub refused the GitHub App's JSON web token (401 {Message(body)}) on /{Path(path)}: check that GitHub:App:Id is the app's ID and " +
                    $"GitHub:App:PrivateKeyFile one of its private keys, and that this machine's clock is right (now {time.GetUtcNow():u}).");
            case HttpStatusCode.NotFound or HttpStatusCode.Forbidden:
                throw new GitHubAccessException($"GitHub answered {(int)response.StatusCode} {Message(body)} on /{Path(path)} for the GitHub App GitHub:App:Id {Id}: is it still installed there?");
            default:
                throw new HttpRequestException($"GitHub answered {(int)response.StatusCode} {Message(body)} on /{Path(path)} for the GitHub App.", null, response.StatusCode);
        }
    }

    private static string Path(string path) => path.Split('?')[0];

    private static string Message(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString() ?? string.Empty
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}
