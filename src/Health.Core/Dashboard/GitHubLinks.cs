namespace Health.Core.Dashboard;

/// <summary>
/// Links to GitHub's web pages. The stored entities keep no <c>html_url</c>, so the links are built from the
/// configured API root: <c>api.github.com</c> means github.com, <c>https://HOST/api/v3/</c> (Enterprise) means that host.
/// </summary>
public sealed class GitHubLinks(string apiUrl)
{
    private readonly string _root = WebRoot(apiUrl);

    public string Repository(string owner, string name) => $"{_root}/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}";

    public string PullRequest(string owner, string name, int number) => $"{Repository(owner, name)}/pull/{number}";

    public string Issue(string owner, string name, int number) => $"{Repository(owner, name)}/issues/{number}";

    public string Profile(string login) => $"{_root}/{Uri.EscapeDataString(login)}";

    private static string WebRoot(string apiUrl)
    {
        if (Uri.TryCreate(apiUrl, UriKind.Absolute, out var uri)
            && !string.Equals(uri.Host, "api.github.com", StringComparison.OrdinalIgnoreCase)
            && uri.AbsolutePath.TrimEnd('/').EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase))
        {
            return uri.GetLeftPart(UriPartial.Authority);
        }

        return "https://github.com";
    }
}
