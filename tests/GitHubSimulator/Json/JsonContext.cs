using System.Buffers;
using System.Text.Json;

namespace GitHubSimulator;

/// <summary>
/// The server's own addresses and the JSON fragments worth caching (user objects, the <c>repo</c> object of
/// head/base). Used only under <see cref="World.SyncRoot"/>, so the caches need no locking of their own.
/// </summary>
internal sealed class JsonContext
{
    private const int MaxCachedUsers = 20_000;
    private readonly Dictionary<SimAccount, CachedFragment> _users = [];
    private readonly Dictionary<SimRepository, CachedFragment> _repos = [];
    private readonly Dictionary<SimRepository, RepoUrls> _repoUrls = [];

    public JsonContext(Uri baseUri)
    {
        Api = baseUri.AbsoluteUri;
        Html = baseUri.GetLeftPart(UriPartial.Authority) + "/";
    }

    /// <summary>The API base, e.g. <c>http://127.0.0.1:5000/</c> or <c>http://127.0.0.1:5000/api/v3/</c>.</summary>
    public string Api { get; }

    /// <summary>The web base (the origin), like GitHub Enterprise's.</summary>
    public string Html { get; }

    public RepoUrls UrlsOf(SimRepository repo)
    {
        if (!_repoUrls.TryGetValue(repo, out RepoUrls? urls))
        {
            urls = new RepoUrls(Api + "repos/" + repo.FullName, Html + repo.FullName);
            _repoUrls[repo] = urls;
        }

        return urls;
    }

    /// <summary>The simple-user object of an account (rebuilt when it was renamed).</summary>
    public byte[] UserJson(SimAccount account)
    {
        if (_users.TryGetValue(account, out CachedFragment? cached) && ReferenceEquals(cached.Login, account.Login))
        {
            return cached.Json;
        }

        if (_users.Count >= MaxCachedUsers)
        {
            _users.Clear();
        }

        byte[] json = Build(w => UserJsonWriter.WriteSimpleUser(w, this, account));
        _users[account] = new CachedFragment(account.Login, 0, json);
        return json;
    }

    /// <summary>The repository object pull requests embed in head and base.</summary>
    public byte[] RepoJson(SimRepository repo, SimAccount owner, int openCount)
    {
        if (_repos.TryGetValue(repo, out CachedFragment? cached) && ReferenceEquals(cached.Login, owner.Login) && cached.Version == openCount)
        {
            return cached.Json;
        }

        byte[] json = Build(w => RepositoryJsonWriter.Write(w, this, repo, owner, openCount, full: false));
        _repos[repo] = new CachedFragment(owner.Login, openCount, json);
        return json;
    }

    private static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private sealed record CachedFragment(string Login, int Version, byte[] Json);
}

/// <summary>A repository's API and web addresses, e.g. <c>http://127.0.0.1:5000/repos/acme/widgets</c>.</summary>
internal sealed record RepoUrls(string Api, string Html);
