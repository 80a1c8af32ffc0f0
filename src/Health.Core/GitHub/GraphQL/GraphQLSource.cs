using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Health.Core.GitHub.Sync;
using Health.Core.Storage.Entities;
using Microsoft.Extensions.Logging;

namespace Health.Core.GitHub.GraphQL;

/// <summary>
/// What the GraphQL page sources share: the position is GraphQL's cursor; with <c>pollRest</c> (mode Auto) a fresh pass first
/// asks REST's first page with its ETag, so an unchanged repository costs one 304 and no GraphQL point; the page size adapts
/// (<see cref="PageSize"/>); a saved cursor GitHub no longer takes restarts the pass from the top (the watermark stays, so
/// nothing is missed, and upserts make the re-read harmless).
/// </summary>
internal abstract partial class GraphQLSource<T, TPage>(SyncContext sync, bool pollRest) : IPageSource<T, TPage>
    where TPage : IGraphQLPage
{
    private DateTime? _watermark;

    protected PageSize Size { get; } = new(sync.Options.GraphQLPageSize);

    protected SyncContext Sync => sync;

    public abstract SyncStream Stream { get; }

    public abstract string Label { get; }

    /// <summary>REST's first page of the same stream, for the poll.</summary>
    protected abstract string RestFirstPage { get; }

    public void Begin(SyncCursor cursor)
    {
        Size.Begin(cursor);
        _watermark = cursor.Watermark;
    }

    public string? SavedPosition(SyncCursor cursor) => cursor.NextCursor;

    public void SetPosition(SyncCursor cursor, string? next)
    {
        cursor.NextCursor = next;
        cursor.NextPageUrl = null;
    }

    public abstract DateTime? UpdatedAt(T item);

    public abstract Task ApplyAsync(PageContext context, SourcePage<T, TPage> page, CancellationToken ct);

    public async Task<SourcePage<T, TPage>> ReadAsync(string? position, string? ifNoneMatch, CancellationToken ct)
    {
        var poll = position is null && pollRest ? await sync.Api.GetPageAsync<T>(new Uri(RestFirstPage, UriKind.Relative), ifNoneMatch, ct) : null;
        if (poll is { NotModified: true })
        {
            return SourcePage<T, TPage>.Unchanged(poll.ETag, poll.ServerDate);
        }

        SourcePage<T, TPage> page;
        try
        {
            page = await QueryAsync(position, ct);
        }
        catch (GraphQLCursorException e) when (position is not null)
        {
            LogCursorRefused(sync.Logger, Label, sync.Repository.FullName, e.Message);
            page = await QueryAsync(null, ct);
        }

        Size.Grow();
        return poll is null ? page : page with { ETag = poll.ETag, ServerDate = poll.ServerDate };
    }

    /// <summary>
    /// Asks for the page at <paramref name="position"/>: the owner, name, page size and cursor, and what <paramref name="more"/>
    /// adds; keeps the nodes the pass still needs (<see cref="StillUnknown"/>) and finishes their children in batched follow-ups.
    /// </summary>
    protected async Task<(TPage Page, string? Next, int? TotalPages, DateTime ServerDate)> PageAsync<TData, TNode>(
        GraphQLClient client,
        string document,
        string? position,
        Action<Utf8JsonWriter> more,
        JsonTypeInfo<GraphQLResponse<TData>> info,
        Func<TData, RateLimitNode?> rateLimit,
        Func<TData, Connection<TNode>?> list,
        Func<TNode, DateTime?> updated,
        Func<List<TNode>, TPage> page,
        CancellationToken ct)
        where TData : class
        where TNode : class
    {
        var target = $"the {Label} of {sync.Repository} (GraphQL)";
        var (data, date) = await client.QueryAsync(
            target,
            () => document,
            w =>
            {
                w.WriteString("owner", sync.Repository.Owner);
                w.WriteString("name", sync.Repository.Name);
                w.WriteNumber("first", Size.Current);
                w.WriteString("after", position);
                more(w);
            },
            info,
            rateLimit,
            ct,
            Size.Halve);
        var items = list(data) ?? throw new GitHubNotFoundException($"GitHub's GraphQL API knows no repository {sync.Repository}, or the token cannot see it.");
        var (nodes, next) = StillUnknown(items.Nodes, items.NextCursor, updated);
        var result = page(nodes);
        await ContinuationBatches.FinishAsync(client, target, result.Unfinished, sync.Options, ct);
        for (var i = 0; i < result.Vanished; i++)
        {
            sync.Counts.CountVanished();
        }

        return (result, next, Size.Pages(items.TotalCount), date);
    }

    /// <summary>
    /// The nodes of a page the pass still needs, and where to go on: an item updated before the watermark was read completely
    /// by an earlier pass, and so is everything after it (the list is newest first), so the page ends there and so does the
    /// pass — its children are not finished again. Only while the page really is newest first; otherwise it is taken whole.
    /// </summary>
    private (List<TNode> Nodes, string? Next) StillUnknown<TNode>(List<TNode?>? page, string? next, Func<TNode, DateTime?> updated)
        where TNode : class
    {
        var nodes = (page ?? []).OfType<TNode>().ToList();
        var ordered = nodes.Zip(nodes.Skip(1)).All(p => updated(p.First) is not { } a || updated(p.Second) is not { } b || a >= b);
        var known = _watermark is { } mark && ordered ? nodes.FindIndex(n => updated(n) < mark) : -1;
        return known < 0 ? (nodes, next) : (nodes[..known], null);
    }

    /// <summary>The page at <paramref name="position"/> (null: the first), with its children complete.</summary>
    protected abstract Task<SourcePage<T, TPage>> QueryAsync(string? position, CancellationToken ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub refused the saved cursor of the {Stream} of {Repository} ({Reason}); reading them again from the top")]
    private static partial void LogCursorRefused(ILogger logger, string stream, string repository, string reason);
}

/// <summary>A page of GraphQL nodes being finished: the follow-ups it needs, and how many of its items vanished meanwhile.</summary>
internal interface IGraphQLPage
{
    List<Unfinished> Unfinished { get; }

    int Vanished { get; }
}
