namespace GitHubSimulator;

/// <summary>
/// The items a listing pages through, in answer order: a range of a sorted index read forwards or backwards,
/// or a list built for the request (for filters no index serves).
/// </summary>
internal readonly struct ListView<T>
    where T : class
{
    private readonly SortedIndex<T>? _index;
    private readonly IReadOnlyList<T>? _list;
    private readonly int _from;
    private readonly int _to;
    private readonly bool _descending;

    private ListView(SortedIndex<T>? index, IReadOnlyList<T>? list, int from, int to, bool descending)
    {
        _index = index;
        _list = list;
        _from = from;
        _to = to;
        _descending = descending;
    }

    public int Count => _list?.Count ?? (_to - _from);

    public T this[int i] => _list is not null ? _list[i] : _descending ? _index![_to - 1 - i] : _index![_from + i];

    /// <summary>Ranks [from, index.Count) of the index; descending reads from the end.</summary>
    public static ListView<T> Of(SortedIndex<T> index, bool descending, int from = 0) =>
        new(index, null, from, index.Count, descending);

    public static ListView<T> Of(IReadOnlyList<T> list) => new(null, list, 0, list.Count, false);
}

/// <summary>The sort parameters the listings share.</summary>
internal static class Sorting
{
    public static bool Descending(string? direction, bool byDefault) => direction switch
    {
        "asc" => false,
        "desc" => true,
        _ => byDefault,
    };

    public static StateFilter State(string? state) => state switch
    {
        "closed" => StateFilter.Closed,
        "all" => StateFilter.All,
        _ => StateFilter.Open,
    };

    /// <summary>Parses <c>since</c>; false (with a 422 to send) when present but not a timestamp.</summary>
    public static bool TrySince(ApiRequest request, string docs, out DateTime? since, out ApiResponse? error)
    {
        string? text = request.Query.Get("since");
        since = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        if (TimeFormat.TryParse(text, out DateTime parsed))
        {
            since = parsed;
            return true;
        }

        error = ErrorBodies.Invalid("since", docs);
        return false;
    }

    /// <summary>Items of a created-ordered index whose updated time is at or after <paramref name="since"/>, in answer order.</summary>
    public static List<T> UpdatedSince<T>(SortedIndex<T> createdOrder, Func<T, DateTime> updated, DateTime since, bool descending)
        where T : class
    {
        var list = new List<T>();
        for (int i = 0; i < createdOrder.Count; i++)
        {
            T item = createdOrder[i];
            if (updated(item) >= since)
            {
                list.Add(item);
            }
        }

        if (descending)
        {
            list.Reverse();
        }

        return list;
    }
}
