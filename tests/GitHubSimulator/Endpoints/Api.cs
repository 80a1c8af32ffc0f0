using System.Text.Json;

namespace GitHubSimulator;

/// <summary>What the endpoints share: the world, the options and the JSON context (each request brings its caller's budgets).</summary>
internal sealed class Api(World world, SimulatorOptions options, JsonContext json, string origin)
{
    private readonly Dictionary<string, SimAccount> _syntheticOwners = new(StringComparer.OrdinalIgnoreCase);

    public World World { get; } = world;
    public SimulatorOptions Options { get; } = options;
    public JsonContext Json { get; } = json;

    /// <summary>Scheme, host and port, e.g. <c>http://127.0.0.1:5000</c>: page links are this plus the request path.</summary>
    public string Origin { get; } = origin;

    /// <summary>The owner account of a repository (a stand-in organization when the world has no such account).</summary>
    public SimAccount OwnerOf(SimRepository repo)
    {
        SimAccount? owner = World.FindAccount(repo.Owner);
        if (owner is not null)
        {
            return owner;
        }

        if (!_syntheticOwners.TryGetValue(repo.Owner, out owner))
        {
            owner = new SimAccount(1, repo.Owner, AccountTypes.Organization);
            _syntheticOwners[repo.Owner] = owner;
        }

        return owner;
    }

    /// <summary>A JSON array page of <paramref name="view"/> with its Link header.</summary>
    public ApiResponse Page<T>(ApiRequest request, ListView<T> view, int bytesPerItem, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        var paging = Paging.From(request.Query, Options.MaxPerPage);
        int total = view.Count;
        int count = paging.CountOn(total);
        var body = new PooledBuffer(Math.Max(256, count * bytesPerItem));
        using (var w = new Utf8JsonWriter(body, JsonWriting.Options))
        {
            w.WriteStartArray();
            for (int i = 0; i < count; i++)
            {
                write(w, view[paging.Start + i]);
            }

            w.WriteEndArray();
        }

        return new ApiResponse(200, body, paging.LinkHeader(total, Origin, request.Path, request.Query));
    }

    /// <summary>A single JSON object.</summary>
    public static ApiResponse Object(int bytes, Action<Utf8JsonWriter> write)
    {
        var body = new PooledBuffer(bytes);
        using (var w = new Utf8JsonWriter(body, JsonWriting.Options))
        {
            write(w);
        }

        return new ApiResponse(200, body);
    }
}

/// <summary>A request as the endpoints see it: the full path (for links), the segments after the prefix, the query, the caller's budgets.</summary>
internal sealed record ApiRequest(string Path, string[] Segments, QueryParams Query, Budgets? Budgets = null);
